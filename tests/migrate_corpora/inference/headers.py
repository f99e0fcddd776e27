"""Custom headers on every request."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(
    endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
    credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]),
    headers={"x-team": "search"},
)
response = client.complete(messages=[UserMessage("ping")], model=os.environ["AZURE_AI_CHAT_MODEL"])
print(response.choices[0].message.content)
