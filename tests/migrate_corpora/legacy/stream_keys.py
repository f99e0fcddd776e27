"""Streaming with membership tests and keys() on the delta."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


def stream(question):
    text = ""
    for chunk in openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"], stream=True,
                                              messages=[{"role": "user", "content": question}]):
        if not chunk["choices"]:
            continue
        delta = chunk["choices"][0]["delta"]
        if "role" in delta.keys():
            print(f"[{delta['role']}]")
        if "content" in delta:
            text += delta["content"]
    return text


if __name__ == "__main__":
    print(stream("Say three words"))
