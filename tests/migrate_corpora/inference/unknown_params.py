"""Extra model parameters with the extra-parameters header."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
response = client.complete(messages=[UserMessage("hi")], model=os.environ["AZURE_AI_CHAT_MODEL"],
                           model_extras={"safe_mode": True}, unknown_params="pass-through")
print(response.choices[0].message.content)
