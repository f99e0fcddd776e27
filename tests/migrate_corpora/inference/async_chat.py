"""async def main() with the async client."""
import asyncio
import os

from azure.ai.inference.aio import ChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential


async def main():
    async with ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                                     credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"])) as client:
        response = await client.complete(
            messages=[SystemMessage("Answer in one word."), UserMessage("Capital of France?")],
            model=os.environ["AZURE_AI_CHAT_MODEL"],
        )
        print(response.choices[0].message.content)


if __name__ == "__main__":
    asyncio.run(main())
