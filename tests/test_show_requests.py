"""show_requests() in a learner's kernel (tests/support/learner.py): in a cell that sent requests it shows that cell's,
as the exercises ask ("one call, then show_requests()"); in a cell of its own it shows the cell before."""

from tests.support.learner import Kernel

CALL = '''import os
from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]), max_tokens=100)
response = client.complete(messages=[SystemMessage(content="You are a helpful assistant."),
                                     UserMessage(content="How many feet are in a mile?")], max_tokens=20)
'''


def test_show_requests_shows_the_requests_of_its_own_cell_and_else_of_the_cell_before():
    with Kernel(strict=True) as kernel:
        kernel.run('from helpers import start; start("02_chat")')
        kernel.run("show_requests()")  # the kit cell sent nothing
        same = kernel.run(CALL + "\nfrom helpers import show_requests\nshow_requests()")
        alone = kernel.run("show_requests()")
        again = kernel.run("show_requests()")
    assert not same.raised, same.text
    assert '"max_tokens": 20' in same.text and "models.ai.azure.com/chat/completions" in same.text
    assert alone.text == same.text
    assert again.text.strip() == "The previous cell sent no request."
