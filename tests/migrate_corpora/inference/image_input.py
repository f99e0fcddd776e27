"""Image input: a question about a picture given by URL."""
import os

from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import ImageContentItem, ImageDetailLevel, ImageUrl, TextContentItem, UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
response = client.complete(
    messages=[
        UserMessage(content=[
            TextContentItem(text="What is in this picture?"),
            ImageContentItem(image_url=ImageUrl(url="https://example.org/cat.png", detail=ImageDetailLevel.LOW)),
        ]),
    ],
    model=os.environ["AZURE_AI_CHAT_MODEL"],
)
print(response.choices[0].message.content)
