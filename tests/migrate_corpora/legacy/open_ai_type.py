"""OpenAI-style settings (api_base and api_key only) pointed at an OpenAI-compatible /v1 endpoint."""
import os

import openai

openai.api_base = os.environ["OPENAI_API_BASE"]
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

response = openai.ChatCompletion.create(model=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                        messages=[{"role": "user", "content": "hi"}])
print(response["choices"][0]["message"]["content"])
