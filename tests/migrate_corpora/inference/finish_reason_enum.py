"""Checks why the model stopped."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import CompletionsFinishReason, UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
response = client.complete(messages=[UserMessage("Write a long story")], model=os.environ["AZURE_AI_CHAT_MODEL"],
                           max_tokens=50)
choice = response.choices[0]
if choice.finish_reason == CompletionsFinishReason.LENGTH:
    print("cut short:", choice.message.content)
elif choice.finish_reason == CompletionsFinishReason.STOP:
    print("complete:", choice.message.content)
