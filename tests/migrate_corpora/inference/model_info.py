"""Prints which model serves the endpoint before using it."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
info = client.get_model_info()
print(f"{info.model_name} by {info.model_provider_name}")
response = client.complete(messages=[UserMessage("hi")], model=info.model_name)
print(response.choices[0].message.content)
