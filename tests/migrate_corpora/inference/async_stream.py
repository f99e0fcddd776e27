"""Streaming with the async client, printing tokens as they come."""
import asyncio
import os

from azure.ai.inference.aio import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential

MODEL = os.environ.get("AZURE_AI_CHAT_MODEL", "gpt-4o-mini")


async def stream(question):
    client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                                   credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
    response = await client.complete(messages=[UserMessage(question)], model=MODEL, stream=True)
    parts = []
    async for update in response:
        if update.choices and update.choices[0].delta.content:
            parts.append(update.choices[0].delta.content)
    await client.close()
    return "".join(parts)


if __name__ == "__main__":
    print(asyncio.run(stream("Write a haiku about rain")))
