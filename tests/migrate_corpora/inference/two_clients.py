"""Retrieval: embeddings to rank passages, then chat to answer, each client with its own model."""
import os

from azure.ai.inference import ChatCompletionsClient, EmbeddingsClient
from azure.ai.inference.models import SystemMessage, UserMessage
from azure.core.credentials import AzureKeyCredential

key = AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"])
chat = ChatCompletionsClient(endpoint=os.environ["AZURE_AI_CHAT_ENDPOINT"], credential=key,
                             model=os.environ["AZURE_AI_CHAT_MODEL"])
embedder = EmbeddingsClient(endpoint=os.environ["AZURE_AI_EMBEDDINGS_ENDPOINT"], credential=key,
                            model=os.environ["AZURE_AI_EMBEDDINGS_MODEL"])

PASSAGES = ["Paris is in France.", "Berlin is in Germany."]


def best_passage(question):
    vectors = [item.embedding for item in embedder.embed(input=[question, *PASSAGES]).data]
    scores = [sum(a * b for a, b in zip(vectors[0], v)) for v in vectors[1:]]
    return PASSAGES[scores.index(max(scores))]


def answer(question):
    passage = best_passage(question)
    response = chat.complete(messages=[SystemMessage(f"Use this: {passage}"), UserMessage(question)])
    return response.choices[0].message.content


if __name__ == "__main__":
    print(answer("Where is Paris?"))
