"""The guide's four settings, then a chat completion."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

response = openai.ChatCompletion.create(
    engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
    messages=[{"role": "system", "content": "You are helpful."}, {"role": "user", "content": "Hello!"}],
    temperature=0.7,
)
print(response["choices"][0]["message"]["content"])
