"""Streaming that reads choices[0] on every update: azure-ai-inference drops Azure's empty first chunk, v1 does not."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential


def main():
    client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                                   credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
    response = client.complete(messages=[UserMessage("Count to three")], model="gpt-4o-mini", stream=True)
    for update in response:
        print(update.choices[0].delta.content or "", end="", flush=True)
    print()


if __name__ == "__main__":
    main()
