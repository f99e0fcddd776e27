"""Error classes imported by name, two of which openai>=1 renamed."""
import os

import openai
from openai.error import APIError, Timeout

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

try:
    response = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                            messages=[{"role": "user", "content": "hi"}])
    print(response["choices"][0]["message"]["content"])
except Timeout:
    print("timed out")
except APIError as error:
    print(f"service error {error}")
