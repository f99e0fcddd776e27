"""An async Quart backend's chat handler, with a streaming variant."""
import os

import openai

openai.api_type = "azure"
openai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]


async def chat_handler(request_json):
    response = await openai.ChatCompletion.acreate(deployment_id=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                                   messages=request_json["messages"], temperature=0.3)
    return {"answer": response["choices"][0]["message"]["content"], "usage": response["usage"]["total_tokens"]}


async def stream_handler(request_json):
    parts = []
    async for event in await openai.ChatCompletion.acreate(deployment_id=os.environ["AZURE_OPENAI_DEPLOYMENT"],
                                                           messages=request_json["messages"], stream=True):
        if event["choices"]:
            parts.append(event["choices"][0]["delta"].get("content") or "")
    return "".join(parts)


async def serve_two_requests():
    """What the Quart app does on its one event loop."""
    print(await chat_handler({"messages": [{"role": "user", "content": "hi"}]}))
    print(await stream_handler({"messages": [{"role": "user", "content": "stream it"}]}))


if __name__ == "__main__":
    import asyncio

    asyncio.run(serve_two_requests())
