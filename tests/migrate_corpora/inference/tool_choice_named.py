"""Forcing one tool with a named tool choice."""
import json
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import (
    ChatCompletionsNamedToolChoice,
    ChatCompletionsNamedToolChoiceFunction,
    ChatCompletionsToolDefinition,
    FunctionDefinition,
    UserMessage,
)
from azure.core.credentials import AzureKeyCredential

tool = ChatCompletionsToolDefinition(function=FunctionDefinition(
    name="extract_contact",
    description="Extract a contact",
    parameters={"type": "object", "properties": {"name": {"type": "string"}, "email": {"type": "string"}}},
))
client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
response = client.complete(
    messages=[UserMessage("Write to Ana at ana@example.org")],
    tools=[tool],
    tool_choice=ChatCompletionsNamedToolChoice(function=ChatCompletionsNamedToolChoiceFunction(name="extract_contact")),
    model=os.environ["AZURE_AI_CHAT_MODEL"],
)
call = response.choices[0].message.tool_calls[0]
print(call.function.name, json.loads(call.function.arguments))
