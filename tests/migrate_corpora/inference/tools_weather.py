"""Function calling: the model asks for a tool, the app runs it and sends the result back."""
import json
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import (
    AssistantMessage,
    ChatCompletionsToolDefinition,
    CompletionsFinishReason,
    FunctionDefinition,
    SystemMessage,
    ToolMessage,
    UserMessage,
)
from azure.core.credentials import AzureKeyCredential


def get_weather(city):
    return json.dumps({"city": city, "forecast": "sunny", "celsius": 21})


weather_tool = ChatCompletionsToolDefinition(
    function=FunctionDefinition(
        name="get_weather",
        description="Get the weather forecast for a city",
        parameters={"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    )
)


def main():
    client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                                   credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
    messages = [SystemMessage("You help with travel plans."), UserMessage("What's the weather in Lisbon?")]
    response = client.complete(messages=messages, tools=[weather_tool], model=os.environ["AZURE_AI_CHAT_MODEL"])
    choice = response.choices[0]
    if choice.finish_reason == CompletionsFinishReason.TOOL_CALLS:
        messages.append(AssistantMessage(tool_calls=choice.message.tool_calls))
        for call in choice.message.tool_calls:
            arguments = json.loads(call.function.arguments)
            messages.append(ToolMessage(get_weather(**arguments), tool_call_id=call.id))
        response = client.complete(messages=messages, tools=[weather_tool], model=os.environ["AZURE_AI_CHAT_MODEL"])
    print(response.choices[0].message.content)


if __name__ == "__main__":
    main()
