"""Query and document embeddings told apart with input_type."""
import os

from azure.ai.inference import EmbeddingsClient
from azure.ai.inference.models import EmbeddingInputType
from azure.core.credentials import AzureKeyCredential

client = EmbeddingsClient(endpoint=os.environ["AZURE_AI_EMBEDDINGS_ENDPOINT"],
                          credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]))
query = client.embed(input=["how do I bake bread"], input_type=EmbeddingInputType.QUERY,
                     model=os.environ["AZURE_AI_EMBEDDINGS_MODEL"])
print(len(query.data[0].embedding))
