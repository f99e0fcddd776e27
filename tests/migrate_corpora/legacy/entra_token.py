"""Entra ID: a token from DefaultAzureCredential as the legacy api_key."""
import os

import openai
from azure.identity import DefaultAzureCredential

credential = DefaultAzureCredential()
token = credential.get_token("https://cognitiveservices.azure.com/.default")

openai.api_type = "azure_ad"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = token.token

response = openai.ChatCompletion.create(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                        messages=[{"role": "user", "content": "Hello with Entra ID"}])
print(response.choices[0].message.content)
