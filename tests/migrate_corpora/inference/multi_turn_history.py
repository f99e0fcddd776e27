"""A conversation that keeps its history."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import AssistantMessage, SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential


def chat(questions):
    client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                                   credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
    history = [SystemMessage("You are a math tutor.")]
    for question in questions:
        history.append(UserMessage(question))
        response = client.complete(messages=history, model=os.environ["AZURE_AI_CHAT_MODEL"])
        answer = response.choices[0].message.content
        history.append(AssistantMessage(answer))
        print(f"Q: {question}\nA: {answer}")


if __name__ == "__main__":
    chat(["What is 2+2?", "And times 3?"])
