"""A get_client() factory used by several functions."""
import os
from functools import lru_cache

from azure.ai.inference import ChatCompletionsClient
from azure.core.credentials import AzureKeyCredential


@lru_cache
def get_client():
    client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                                   credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
    return client


def title_for(text):
    client = get_client()
    response = client.complete(messages=[{"role": "user", "content": f"A title for: {text}"}],
                               model=os.environ["AZURE_AI_CHAT_MODEL"])
    return response.choices[0].message.content


if __name__ == "__main__":
    print(title_for("a post about migrating SDKs"))
