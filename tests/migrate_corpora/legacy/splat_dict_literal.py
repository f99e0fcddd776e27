"""A deployment passed in a ** dict literal."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

response = openai.ChatCompletion.create(**{"deployment_id": os.environ["AZURE_OPENAI_DEPLOYMENT"]},
                                        messages=[{"role": "user", "content": "hi"}])
print(response["choices"][0]["message"]["content"])
