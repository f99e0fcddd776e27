"""Request parameters gathered in a dict and splatted."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

params = {"engine": os.environ["AZURE_OPENAI_DEPLOYMENT"], "temperature": 0, "max_tokens": 50}
response = openai.ChatCompletion.create(messages=[{"role": "user", "content": "hi"}], **params)
print(response["choices"][0]["message"]["content"])
