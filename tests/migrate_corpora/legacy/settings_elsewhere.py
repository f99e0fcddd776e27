"""Calls the legacy API configured by another module."""
import os

import openai

import openai_setup  # noqa: F401  (sets openai.api_* for this app)

response = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                        messages=[{"role": "user", "content": "hi"}])
print(response["choices"][0]["message"]["content"])
