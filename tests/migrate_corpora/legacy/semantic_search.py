"""Semantic search over a few documents with embeddings, then an answer from the best one."""
import math
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

DOCUMENTS = ["Returns are accepted within 30 days.", "Shipping takes 3 to 5 days."]


def embed(texts):
    result = openai.Embedding.create(engine=os.environ["AZURE_OPENAI_EMBEDDING_DEPLOYMENT"], input=texts)
    return [row["embedding"] for row in result["data"]]


def cosine(a, b):
    return sum(x * y for x, y in zip(a, b)) / (math.hypot(*a) * math.hypot(*b))


def answer(question):
    query, *documents = embed([question, *DOCUMENTS])
    best = max(range(len(documents)), key=lambda i: cosine(query, documents[i]))
    completion = openai.ChatCompletion.create(
        engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
        messages=[{"role": "system", "content": f"Answer from: {DOCUMENTS[best]}"},
                  {"role": "user", "content": question}],
    )
    return completion["choices"][0]["message"]["content"]


if __name__ == "__main__":
    print(answer("How long does shipping take?"))
