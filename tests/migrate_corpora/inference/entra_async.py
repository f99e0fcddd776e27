"""Keyless and async: azure.identity.aio with the async client."""
import asyncio
import os

from azure.ai.inference.aio import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.identity.aio import DefaultAzureCredential


async def main():
    credential = DefaultAzureCredential()
    client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"], credential=credential,
                                   credential_scopes=["https://cognitiveservices.azure.com/.default"])
    try:
        response = await client.complete(messages=[UserMessage("Hi")], model=os.environ["AZURE_AI_CHAT_MODEL"])
        print(response.choices[0].message.content)
    finally:
        await client.close()
        await credential.close()


asyncio.run(main())
