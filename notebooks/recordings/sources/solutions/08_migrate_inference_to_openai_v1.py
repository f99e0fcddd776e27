"""Recording source for solutions/08_migrate_inference_to_openai_v1: the lesson's three exercises on Azure OpenAI v1."""

import math
import random

from tools.wire import chat_completion, chat_stream, embeddings, interaction

REFERENCES = ["azure-openai", "openai-types", "sdk-sources", "real-answers"]
NOTE = ("Synthesized, not recorded live. Bodies follow openai 3.54.0's types (ChatCompletion, "
        "ChatCompletionChunk, CreateEmbeddingResponse) with Azure OpenAI's content-filter annotations. The "
        "stream starts with Azure OpenAI's chunk of empty choices and prompt_filter_results, and ends with "
        "the usage chunk that stream_options asked for (empty choices) and data: [DONE] (shared/WIRE.md). The"
        " two 256-number embeddings are seeded pseudo-random unit vectors, sent as base64 float32 because "
        "openai asked for base64.")

V1 = "https://example-resource.openai.azure.com/openai/v1"
MODEL = "gpt-4o-mini-2024-07-18"
SYSTEM = {"role": "system", "content": "You are a helpful assistant."}
POEM_PIECES = ["In skies", " of blue", " where data flows,\n", "A cloud of", " quiet power grows;\n",
               "From silent racks", " to shining screens,\n", "Azure hums", " with bright machines."]


def vector(seed, size):
    rng = random.Random(seed)
    raw = [rng.gauss(0, 1) for _ in range(size)]
    norm = math.sqrt(sum(x * x for x in raw))
    return [float(f"{x / norm:.8f}") for x in raw]


def interactions():
    return [
        # Exercise 1: model_extras became extra_body; temperature stays a keyword.
        interaction("POST", f"{V1}/chat/completions",
                    {"model": "gpt-4o-mini",
                     "messages": [SYSTEM, {"role": "user", "content": "Summarize Azure AI Foundry in one sentence."}],
                     "temperature": 0.2, "user": "learner-42"},
                    chat_completion("Azure AI Foundry is Microsoft's platform for building, evaluating and deploying "
                                    "generative AI applications and agents with a broad catalog of models.", MODEL,
                                    prompt_tokens=24, completion_tokens=27, azure_openai=True, id="chatcmpl-kit-s0801"),
                    auth="bearer"),
        # Exercise 2: the poem streamed with usage on the last chunk.
        interaction("POST", f"{V1}/chat/completions",
                    {"model": "gpt-4o-mini",
                     "messages": [SYSTEM, {"role": "user", "content": "Write a poem about Azure."}],
                     "stream": True, "stream_options": {"include_usage": True}},
                    chat_stream(POEM_PIECES, MODEL, azure_openai=True, include_usage=True, prompt_tokens=23,
                                id="chatcmpl-kit-s0802"),
                    auth="bearer", stream=True, request_headers={"Accept": "application/json"}),
        # Exercise 3: two texts, 256 dimensions, base64 on the wire.
        interaction("POST", f"{V1}/embeddings",
                    {"model": "text-embedding-3-small", "input": ["A red apple", "A green pear"], "dimensions": 256,
                     "encoding_format": "base64"},
                    embeddings([vector(81, 256), vector(82, 256)], "text-embedding-3-small", prompt_tokens=7,
                               as_base64=True), auth="bearer"),
    ]
