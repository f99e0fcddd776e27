"""Messages written as plain dicts, as the REST docs show them."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.core.credentials import AzureKeyCredential

endpoint = os.environ["AZURE_AI_CHAT_ENDPOINT"]
client = ChatCompletionsClient(endpoint=endpoint, credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
payload_messages = [
    {"role": "system", "content": "You are terse."},
    {"role": "user", "content": "Name a prime number."},
]
response = client.complete(messages=payload_messages, model=os.environ["AZURE_AI_CHAT_MODEL"], seed=42, top_p=0.9)
print(response.choices[0].message.content, response.model)
