"""The create function passed around as a value, to a retry helper."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


def with_retries(function, **kwargs):
    for _ in range(3):
        try:
            return function(**kwargs)
        except openai.error.RateLimitError:
            continue
    raise RuntimeError("gave up")


response = with_retries(openai.ChatCompletion.create, engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                        messages=[{"role": "user", "content": "hi"}])
print(response["choices"][0]["message"]["content"])
