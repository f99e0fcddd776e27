"""async def main() with acreate."""
import asyncio
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


async def ask(question):
    response = await openai.ChatCompletion.acreate(engine=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                                   messages=[{"role": "user", "content": question}])
    return response["choices"][0]["message"]["content"]


async def main():
    answers = await asyncio.gather(ask("one"), ask("two"))
    print(answers)


if __name__ == "__main__":
    asyncio.run(main())
