"""A text completion with deployment_id."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.getenv("AZURE_OPENAI_ENDPOINT")
openai.api_version = "2023-05-15"
openai.api_key = os.getenv("AZURE_OPENAI_API_KEY")


def complete(prompt):
    completion = openai.Completion.create(deployment_id=os.getenv("AZURE_OPENAI_DEPLOYMENT"), prompt=prompt,
                                          max_tokens=20, temperature=0)
    return completion["choices"][0]["text"].strip()


if __name__ == "__main__":
    print(complete("The food was delicious and the waiter"))
