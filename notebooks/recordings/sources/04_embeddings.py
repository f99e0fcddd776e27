"""Recording source for 04_embeddings: text embeddings from a serverless endpoint, a 405 from an endpoint without
an /embeddings route, and the OpenAI v1 equivalent (base64-encoded, as openai asks by default)."""

import hashlib
import json

import numpy as np

from tools.wire import NOT_FOUND_HEADERS, NOT_FOUND_TEXT, embeddings, interaction

REFERENCES = ["model-inference", "openai-types", "sdk-sources", "real-answers"]
BODIES_NOTE = (
    "Synthesized, not recorded live. Embeddings bodies follow the Azure AI model inference REST API "
    "(2024-05-01-preview) and, for /openai/v1/embeddings, the openai 3.54.0 CreateEmbeddingResponse type; the "
    "OpenAI v1 answers are base64 float32 because openai sent encoding_format=base64. The vectors are not model "
    "output: they are deterministic unit vectors (1024 dimensions, like Cohere-embed-v3-english; 1536 for "
    "text-embedding-3-small, or the dimensions asked for) built from a seeded random generator, mixing a component "
    "shared by all phrases with one per topic, so that near-synonyms have cosine similarity near 0.8 and unrelated "
    "phrases near 0.2.")
ERROR_NOTE = (
    " The answer of a chat model's endpoint to POST /embeddings is the real one, a 404 with the text body 'NOT "
    "FOUND' and azureml headers (Azure/azure-sdk-assets python/sdk/ai/azure-ai-inference/tests/recordings/"
    "test_chat_completions_client.pyTestChatCompletionsClienttest_embeddings_on_chat_completion_endpoint.json at "
    "fe3e6677ffea8f9a2d67bab6894678c788bb1da9); guide 004 describes a 405 here.")
NOTE = BODIES_NOTE + ERROR_NOTE

EMBEDDINGS = "https://example-embeddings.eastus2.models.ai.azure.com/embeddings?api-version=2024-05-01-preview"
CHAT = "https://example-model.eastus2.models.ai.azure.com/embeddings?api-version=2024-05-01-preview"
V1 = "https://example-resource.openai.azure.com/openai/v1/embeddings"
MODEL = "Cohere-embed-v3-english"

GUIDE_PHRASES = ["first phrase", "second phrase", "third phrase"]
PHRASES = [
    "How do I reset my password?",
    "I forgot my password and can't sign in.",
    "Will it rain tomorrow?",
    "What's the weather forecast for tomorrow?",
    "My cat sleeps all day.",
]
QUERY = "I can't log in to my account"
OPENAI_TEXT = "Your text string goes here"

# Each phrase is a weighted mix of shared directions ("common", a topic) and a direction of its own.
# Independent random directions in 1024 dimensions are nearly orthogonal, so cos(a, b) is close to the
# sum over shared directions of sqrt(weight_a * weight_b).
RECIPES = {
    "first phrase": {"common": 0.35, "ordinal": 0.5},
    "second phrase": {"common": 0.35, "ordinal": 0.45},
    "third phrase": {"common": 0.35, "ordinal": 0.52},
    "How do I reset my password?": {"common": 0.2, "question": 0.05, "password": 0.6},
    "I forgot my password and can't sign in.": {"common": 0.2, "password": 0.62},
    "Will it rain tomorrow?": {"common": 0.2, "question": 0.05, "weather": 0.58},
    "What's the weather forecast for tomorrow?": {"common": 0.2, "question": 0.05, "weather": 0.6},
    "My cat sleeps all day.": {"common": 0.2},
    QUERY: {"common": 0.2, "password": 0.5},
    OPENAI_TEXT: {"common": 0.3},
}


def _direction(name, dimensions):
    seed = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "little")
    return np.random.default_rng([dimensions, seed]).standard_normal(dimensions)


def vector(text, dimensions=1024):
    """A unit vector for text, as float32 values written the way a service writes them (shortest form)."""
    recipe = RECIPES[text]
    own = 1.0 - sum(recipe.values())
    mixed = sum(np.sqrt(w) * _direction(name, dimensions) for name, w in recipe.items())
    mixed = mixed + np.sqrt(own) * _direction(f"own:{text}", dimensions)
    unit = (mixed / np.linalg.norm(mixed)).astype(np.float32)
    return [float(str(x)) for x in unit]


def compact(body):
    """The JSON text as the service sends it: one line, no spaces."""
    return json.dumps(body, separators=(",", ":"))


def embed(texts, prompt_tokens, url=EMBEDDINGS):
    return interaction("POST", url, {"input": texts},
                       compact(embeddings([vector(t) for t in texts], MODEL, prompt_tokens=prompt_tokens)))


def openai_embed(text, prompt_tokens, dimensions=None):
    body = {"input": text, "model": "text-embedding-3-small", "encoding_format": "base64"}
    if dimensions:
        body["dimensions"] = dimensions
    vectors = [vector(text, dimensions or 1536)]
    return interaction("POST", V1, body,
                       compact(embeddings(vectors, "text-embedding-3-small", prompt_tokens=prompt_tokens,
                                          as_base64=True)),
                       auth="bearer")


def interactions():
    return [
        # Step 1: guide 004's example.
        embed(GUIDE_PHRASES, 6),
        # Step 2: phrases for the heatmap.
        embed(PHRASES, 41),
        # Step 3: the OpenAI v1 equivalent (guide 001).
        openai_embed(OPENAI_TEXT, 5),
        # Troubleshooting: EmbeddingsClient pointed at a chat model's endpoint.
        interaction("POST", CHAT, {"input": GUIDE_PHRASES}, NOT_FOUND_TEXT, status=404,
                    response_headers=NOT_FOUND_HEADERS),
    ]
