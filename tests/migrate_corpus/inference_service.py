"""A chat service holding azure-ai-inference clients in a class."""
import os

from azure.ai.inference import ChatCompletionsClient, EmbeddingsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential


class Assistant:
    def __init__(self):
        self.client = ChatCompletionsClient(
            endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
            credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]),
        )

    def ask(self, question):
        response = self.client.complete(
            messages=[SystemMessage(content="Be brief."), UserMessage(content=question)],
            model_extras={"safe_mode": True},
        )
        return response.choices[0].message.content


def embed(texts):
    with EmbeddingsClient(endpoint=os.environ["AZURE_AI_EMBEDDINGS_ENDPOINT"],
                          credential=AzureKeyCredential(os.environ["AZURE_AI_EMBEDDINGS_KEY"])) as client:
        return [item.embedding for item in client.embed(input=texts).data]


def describe(data):
    # a plain dict from elsewhere: never flagged
    return data["choices"][0]["message"]["content"]
