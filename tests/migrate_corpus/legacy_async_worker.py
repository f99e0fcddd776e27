"""An async queue worker on openai 0.28 (the OpenAI API, not Azure)."""
import asyncio

import openai

openai.api_key = "sk-placeholder"


async def answer(question):
    completion = await openai.ChatCompletion.acreate(model="gpt-4o-mini",
                                                     messages=[{"role": "user", "content": question}])
    return completion["choices"][0]["message"]["content"]


async def main(questions):
    return await asyncio.gather(*(answer(q) for q in questions))
