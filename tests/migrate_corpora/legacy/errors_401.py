"""A key that is no longer valid: the generic handler comes first, as openai<1.0 allowed."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ.get("STALE_KEY", "a-key-that-was-rotated")

try:
    response = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                            messages=[{"role": "user", "content": "hi"}])
    print(response["choices"][0]["message"]["content"])
except openai.error.APIError as error:
    print(f"service error: {error}")
except openai.error.AuthenticationError:
    print("authentication failed: rotate the key")
