"""load_client() picks the client class from the model's /info route."""
import os

from azure.ai.inference import load_client
from azure.core.credentials import AzureKeyCredential

client = load_client(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                     credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
print(type(client).__name__)
response = client.complete(messages=[{"role": "user", "content": "hi"}])
print(response.choices[0].message.content)
