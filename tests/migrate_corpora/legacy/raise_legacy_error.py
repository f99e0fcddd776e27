"""A guard that raises the legacy rate limit error itself."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]
CALLS = []


def ask(question, budget=10):
    if len(CALLS) >= budget:
        raise openai.error.RateLimitError("local budget exhausted")
    CALLS.append(question)
    response = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                            messages=[{"role": "user", "content": question}])
    return response["choices"][0]["message"]["content"]


if __name__ == "__main__":
    print(ask("hi"))
