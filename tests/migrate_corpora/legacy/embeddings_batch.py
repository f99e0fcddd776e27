"""Embeddings of a batch, read with a comprehension."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2023-05-15"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


def embed(texts):
    result = openai.Embedding.create(engine=os.environ["AZURE_OPENAI_EMBEDDING_DEPLOYMENT"], input=texts)
    return [item["embedding"] for item in result["data"]]


if __name__ == "__main__":
    vectors = embed(["alpha", "beta", "gamma"])
    print(len(vectors), len(vectors[0]))
