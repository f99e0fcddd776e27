"""Ask one question; endpoint, key and model from the environment."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(
    endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
    credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]),
)

response = client.complete(
    messages=[
        SystemMessage(content="You are a helpful assistant."),
        UserMessage(content="How many feet are in a mile?"),
    ],
    model=os.environ["AZURE_AI_CHAT_MODEL"],
)
print(response.choices[0].message.content)
print(f"tokens: {response.usage.total_tokens}")
