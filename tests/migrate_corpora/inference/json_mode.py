"""JSON mode, asked with the string form of response_format."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
response = client.complete(
    messages=[SystemMessage("Reply in JSON."), UserMessage("List three colors")],
    model=os.environ["AZURE_AI_CHAT_MODEL"],
    response_format="json_object",
)
print(response.choices[0].message.content)
