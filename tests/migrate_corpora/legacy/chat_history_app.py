"""A console chat that keeps its history and prints the role of each answer."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]

history = [{"role": "system", "content": "You are a tutor."}]
for question in ["What is a noun?", "Give an example."]:
    history.append({"role": "user", "content": question})
    reply = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"], messages=history)
    message = reply["choices"][0]["message"]
    history.append({"role": message["role"], "content": message["content"]})
    print(message["role"], message["content"])
