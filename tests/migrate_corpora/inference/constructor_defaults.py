"""Defaults set once on the client, which v1 has no place for."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(
    endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
    credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]),
    model=os.environ["AZURE_AI_CHAT_MODEL"],
    temperature=0.3,
    max_tokens=200,
)


def ask(question):
    return client.complete(messages=[UserMessage(question)]).choices[0].message.content


if __name__ == "__main__":
    print(ask("What is a vector database?"))
    print(ask("And an embedding?"))
