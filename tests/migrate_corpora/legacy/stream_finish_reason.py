"""Streaming that stops on finish_reason."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

answer = []
for chunk in openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"], stream=True,
                                          messages=[{"role": "user", "content": "List two fruits"}]):
    if not chunk["choices"]:
        continue
    choice = chunk["choices"][0]
    if choice.get("finish_reason"):
        break
    answer.append(choice["delta"].get("content", ""))
print("".join(answer))
