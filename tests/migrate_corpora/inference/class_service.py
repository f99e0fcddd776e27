"""A service class holding the client."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential


class Translator:
    def __init__(self, language):
        self.language = language
        self.client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                                            credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
        self.model = os.environ["AZURE_AI_CHAT_MODEL"]

    def translate(self, text):
        response = self.client.complete(
            messages=[SystemMessage(f"Translate into {self.language}."), UserMessage(text)],
            model=self.model,
            temperature=0,
        )
        return response.choices[0].message.content


if __name__ == "__main__":
    print(Translator("French").translate("Good morning"))
