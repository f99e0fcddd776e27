"""The client as a context manager."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential

with ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                           credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"])) as client:
    response = client.complete(messages=[UserMessage("What is Python?")], model=os.environ["AZURE_AI_CHAT_MODEL"])
    print(response.choices[0].message.content)
