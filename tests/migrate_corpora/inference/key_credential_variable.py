"""The key credential bound to a name first and shared."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential

credential = AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"])


def main():
    client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"], credential=credential)
    response = client.complete(messages=[UserMessage("One fun fact, please")], model=os.environ["AZURE_AI_CHAT_MODEL"],
                               stop=["\n\n"], presence_penalty=0.1, frequency_penalty=0.1)
    print(response.choices[0].message.content)


main()
