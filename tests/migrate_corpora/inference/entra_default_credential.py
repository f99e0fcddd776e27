"""Keyless: DefaultAzureCredential with the Azure OpenAI scope."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.identity import DefaultAzureCredential

client = ChatCompletionsClient(
    endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
    credential=DefaultAzureCredential(),
    credential_scopes=["https://cognitiveservices.azure.com/.default"],
)
response = client.complete(messages=[UserMessage("Hello from Entra ID")], model=os.environ["AZURE_AI_CHAT_MODEL"])
print(response.choices[0].message.content)
