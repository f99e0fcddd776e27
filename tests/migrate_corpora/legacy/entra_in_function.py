"""Entra ID: the token is refreshed in a function before each call."""
import os

import openai
from azure.identity import DefaultAzureCredential

openai.api_type = "azure_ad"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
credential = DefaultAzureCredential()


def refresh_token():
    openai.api_key = credential.get_token("https://cognitiveservices.azure.com/.default").token


def ask(question):
    refresh_token()
    response = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                            messages=[{"role": "user", "content": question}])
    return response["choices"][0]["message"]["content"]


if __name__ == "__main__":
    print(ask("hi"))
