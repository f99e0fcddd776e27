"""A wrapper class around the legacy module."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


class LLM:
    def __init__(self, deployment, temperature=0.0):
        self.deployment = deployment
        self.temperature = temperature

    def __call__(self, prompt):
        result = openai.ChatCompletion.create(engine=self.deployment, temperature=self.temperature,
                                              messages=[{"role": "user", "content": prompt}])
        return result["choices"][0]["message"]["content"]

    def embed(self, text):
        result = openai.Embedding.create(engine=os.environ["AZURE_OPENAI_EMBEDDING_DEPLOYMENT"], input=[text])
        return result["data"][0]["embedding"]


if __name__ == "__main__":
    llm = LLM(os.environ["AZURE_OPENAI_DEPLOYMENT"])
    print(llm("hello"))
    print(len(llm.embed("hello")))
