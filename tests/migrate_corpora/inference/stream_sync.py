"""Streaming, guarded the way the guide writes it."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
response = client.complete(
    stream=True,
    messages=[SystemMessage("You are a poet."), UserMessage("A short poem about the sea.")],
    model=os.environ["AZURE_AI_CHAT_MODEL"],
)
for update in response:
    if update.choices:
        print(update.choices[0].delta.content or "", end="")
print()
client.close()
