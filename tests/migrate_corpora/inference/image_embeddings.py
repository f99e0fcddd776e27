"""Image embeddings, which Azure OpenAI v1 does not serve."""
import os

from azure.ai.inference import ImageEmbeddingsClient
from azure.ai.inference.models import ImageEmbeddingInput
from azure.core.credentials import AzureKeyCredential

client = ImageEmbeddingsClient(endpoint=os.environ["AZURE_AI_EMBEDDINGS_ENDPOINT"],
                               credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
image = ImageEmbeddingInput.load(image_file="photo.png", image_format="png")
response = client.embed(input=[image])
print(len(response.data[0].embedding))
