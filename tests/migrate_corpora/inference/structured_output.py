"""Structured output with a JSON schema."""
import json
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import JsonSchemaFormat, SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential

RECIPE = {
    "type": "object",
    "properties": {"title": {"type": "string"}, "minutes": {"type": "integer"},
                   "steps": {"type": "array", "items": {"type": "string"}}},
    "required": ["title", "minutes", "steps"],
    "additionalProperties": False,
}


def recipe(dish):
    client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                                   credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
    response = client.complete(
        model=os.environ["AZURE_AI_CHAT_MODEL"],
        messages=[SystemMessage("You write recipes."), UserMessage(f"A recipe for {dish}")],
        response_format=JsonSchemaFormat(name="recipe", schema=RECIPE, description="A recipe", strict=True),
    )
    return json.loads(response.choices[0].message.content)


if __name__ == "__main__":
    data = recipe("pancakes")
    print(data["title"], data["minutes"], len(data["steps"]))
