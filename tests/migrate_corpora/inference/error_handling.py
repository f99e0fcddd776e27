"""Errors reported by status code."""
import os
import sys

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential
from azure.core.exceptions import HttpResponseError

client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
try:
    response = client.complete(messages=[UserMessage("Hello")], model=os.environ["AZURE_AI_CHAT_MODEL"])
    print(response.choices[0].message.content)
except HttpResponseError as error:
    if error.status_code == 429:
        print("Rate limited, try again later", file=sys.stderr)
    else:
        print(f"Request failed: {error.status_code} {error.message}", file=sys.stderr)
    raise
