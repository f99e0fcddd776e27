"""The request body built as JSON and passed whole."""
import json
import os

from azure.ai.inference import ChatCompletionsClient
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
with open(os.environ.get("REQUEST_FILE", "request.json"), encoding="utf-8") as file:
    body = json.load(file)
response = client.complete(body)
print(response.choices[0].message.content)
