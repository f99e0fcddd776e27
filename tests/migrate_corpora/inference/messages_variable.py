"""Messages built up in a list before the call."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential

SYSTEM = SystemMessage(content="You are a concise assistant.")


def build_messages(question, context):
    messages = [SYSTEM]
    for line in context:
        messages.append(UserMessage(content=f"Context: {line}"))
    messages.append(UserMessage(content=question))
    return messages


client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
result = client.complete(messages=build_messages("Who wrote it?", ["The book is Dune."]),
                         model=os.environ["AZURE_AI_CHAT_MODEL"])
print(result.choices[0].message.content)
