"""Streaming, reading each delta with .get(), as the issue's repro does."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

r = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                 messages=[{"role": "user", "content": "Tell me a story"}], stream=True)
for c in r:
    if len(c["choices"]) > 0:
        print(c["choices"][0]["delta"].get("content", ""), end="")
print()
