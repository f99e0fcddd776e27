"""Configuration from another module of the app."""
from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential

import shared_settings

client = ChatCompletionsClient(endpoint=shared_settings.ENDPOINT, credential=AzureKeyCredential(shared_settings.KEY))


def summarize(text):
    response = client.complete(
        model=shared_settings.MODEL,
        messages=[SystemMessage("Summarize in one sentence."), UserMessage(text)],
        max_tokens=100,
    )
    return response.choices[0].message.content


if __name__ == "__main__":
    print(summarize("Azure AI Inference was retired; apps move to the OpenAI v1 API."))
