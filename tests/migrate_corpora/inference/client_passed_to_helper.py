"""The client is made in main() and passed to helpers."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential


def classify(client, ticket):
    response = client.complete(
        messages=[SystemMessage("Answer with one word: bug, question or request."), UserMessage(ticket)],
        model=os.environ["AZURE_AI_CHAT_MODEL"],
    )
    return response.choices[0].message.content.strip()


def main():
    chat = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                                 credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
    for ticket in ("The app crashes on start", "How do I export?"):
        print(classify(chat, ticket))


if __name__ == "__main__":
    main()
