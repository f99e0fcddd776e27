"""Embeddings of one text."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2023-05-15"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

result = openai.Embedding.create(engine=os.environ["AZURE_OPENAI_EMBEDDING_DEPLOYMENT"], input="hello world")
vector = result["data"][0]["embedding"]
print(len(vector), result["usage"]["prompt_tokens"])
