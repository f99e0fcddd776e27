"""Embeddings of a few sentences, and their cosine similarity."""
import math
import os

from azure.ai.inference import EmbeddingsClient
from azure.core.credentials import AzureKeyCredential

client = EmbeddingsClient(endpoint=os.environ["AZURE_AI_EMBEDDINGS_ENDPOINT"],
                          credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]),
                          model=os.environ["AZURE_AI_EMBEDDINGS_MODEL"])


def cosine(a, b):
    return sum(x * y for x, y in zip(a, b)) / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


response = client.embed(input=["first phrase", "second phrase", "third phrase"])
vectors = [item.embedding for item in response.data]
print(len(vectors), round(cosine(vectors[0], vectors[1]), 3))
print(f"usage: {response.usage.prompt_tokens}")
