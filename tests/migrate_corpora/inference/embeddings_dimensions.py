"""Embeddings with dimensions and an encoding format."""
import os

from azure.ai.inference import EmbeddingsClient
from azure.ai.inference.models import EmbeddingEncodingFormat
from azure.core.credentials import AzureKeyCredential


def embed_all(texts):
    client = EmbeddingsClient(endpoint=os.environ["AZURE_AI_EMBEDDINGS_ENDPOINT"],
                              credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]), dimensions=3)
    result = client.embed(input=texts, model="text-embedding-3-small",
                          encoding_format=EmbeddingEncodingFormat.FLOAT)
    return [item.embedding for item in result.data]


if __name__ == "__main__":
    print(embed_all(["apple", "banana"]))
