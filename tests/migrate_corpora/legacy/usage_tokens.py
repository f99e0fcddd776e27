"""Prints the answer and a token usage line."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

response = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                        messages=[{"role": "user", "content": "Explain tokens"}])
usage = response["usage"]
print(response["choices"][0]["message"]["content"])
print(f"prompt {usage['prompt_tokens']}, completion {usage['completion_tokens']}, total {usage['total_tokens']}")
print(response["choices"][0]["finish_reason"], response["model"])
