import asyncio
import os

from azure.ai.inference.aio import ChatCompletionsClient
from azure.core.credentials import AzureKeyCredential


async def main():
    async with ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                                     credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"])) as client:
        response = await client.complete(messages=[{"role": "user", "content": "Hi"}], stream=True)
        async for update in response:
            if update.choices:
                print(update.choices[0].delta.content or "", end="")


asyncio.run(main())
