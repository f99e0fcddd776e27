"""Recording source for 08_migrate_inference_to_openai_v1: every tab pair of the migration guide, the Azure AI
Inference half on a Foundry /models endpoint and the OpenAI v1 half on Azure OpenAI /openai/v1/."""

import math
import random

from tools.wire import (
    CATEGORIES,
    CREATED,
    NOT_DETECTED,
    azure_openai_rate_limited,
    azure_openai_server_error,
    chat_completion,
    chat_stream,
    embeddings,
    error,
    interaction,
    responses_body,
)

REFERENCES = ["model-inference", "azure-openai", "openai-types", "sdk-sources", "real-answers"]
NOTE = ("Synthesized, not recorded live. Azure AI Inference answers follow the Azure AI model inference REST "
        "API (2024-05-01-preview) as a Foundry resource serves it for Azure OpenAI models, with Azure "
        "OpenAI's content-filter annotations; OpenAI v1 answers follow openai 3.54.0's types (ChatCompletion,"
        " ChatCompletionChunk, Response, CreateEmbeddingResponse, ImagesResponse) with the same Azure "
        "annotations. Streams start with Azure OpenAI's chunk of empty choices and prompt_filter_results and "
        "end with data: [DONE] (shared/WIRE.md). The embedding is 1536 seeded pseudo-random numbers, the size"
        " text-embedding-3-small returns, sent as floats to azure-ai-inference and as base64 float32 to "
        "openai, which asked for base64. The image URL is a placeholder in the form of the time-limited blob-"
        "storage link Azure returns; it does not resolve. Error bodies use Azure OpenAI's {error: {code, "
        "message}} shape. The 429 answers are Azure OpenAI's (jasonacox/TinyLLM#17, icereed/paperless-gpt#814): the "
        "message names the request's api-version (2024-05-01-preview on the Foundry route; 'v1' on /openai/v1/, "
        "assumed) and 'Please retry after 1 second.', with retry-after: 1, and retry-after-ms: 10, shortened so that "
        "openai, which reads it first, does not wait. azure-core reads retry-after, so it retries 3 times (4 "
        "answers recorded), waiting 1 s each; openai retries twice (3 answers). The 500 answers are Azure OpenAI's "
        "OpenAI-style server_error with code null (Azure-Samples/azure-search-openai-demo#1390), request id zeroed. "
        "The 400 'API version not supported' for a dated api-version on "
        "/openai/v1/ is the message reported live in zendev-sh/goai#54; its status 400 and code BadRequest "
        "are assumed. The extra parameter, user_security_context, is a field of Azure OpenAI's chat requests "
        "(Azure.AI.OpenAI for .NET: AzureChatExtensions.SetUserSecurityContext); that the Foundry /models route "
        "passes it through and that /openai/v1/ accepts it, each answering as without it, is assumed.")

INFERENCE = "https://example-resource.services.ai.azure.com/models"
QUERY = "?api-version=2024-05-01-preview"
V1 = "https://example-resource.openai.azure.com/openai/v1"
CHAT_MODEL = "gpt-4o-mini-2024-07-18"
SYSTEM = {"role": "system", "content": "You are a helpful assistant."}
HELLO = [{"role": "user", "content": "Hello"}]
SAY_HELLO = [{"role": "user", "content": "Say hello."}]
SAY_HELLO_ASYNC = [{"role": "user", "content": "Say hello asynchronously."}]
AZURE_AI = [SYSTEM, {"role": "user", "content": "What is Azure AI?"}]
ONE_SERVICE = [{"role": "user", "content": "Name one Azure AI service."}]
POEM = [SYSTEM, {"role": "user", "content": "Write a poem about Azure."}]
SECURITY_CONTEXT = {"application_name": "azure-ai-kit"}
POEM_PIECES = ["In skies", " of blue", " where data flows,\n", "A cloud of", " quiet power grows;\n",
               "From silent racks", " to shining screens,\n", "Azure hums", " with bright machines."]
EMBED_TEXT = "Your text string goes here"
JSON_ACCEPT = {"Accept": "application/json"}
INFERENCE_RATE_LIMITED, INFERENCE_RATE_HEADERS = azure_openai_rate_limited("2024-05-01-preview")
V1_RATE_LIMITED, V1_RATE_HEADERS = azure_openai_rate_limited("v1")
SERVER_ERROR = azure_openai_server_error()


def vector(seed, size=1536):
    """A unit vector of float32-representable numbers, the same on every build."""
    rng = random.Random(seed)
    raw = [rng.gauss(0, 1) for _ in range(size)]
    norm = math.sqrt(sum(x * x for x in raw))
    return [float(f"{x / norm:.8f}") for x in raw]


def response(text, model, id):
    return responses_body(text, model, id, 11, 20, seconds=1)


def inference_chat(body, answer, id, auth="key", **kwargs):
    return interaction("POST", f"{INFERENCE}/chat/completions{QUERY}", body,
                       chat_completion(answer, CHAT_MODEL, azure_openai=True, id=id, **kwargs), auth=auth)


def v1_chat(body, answer, id, **kwargs):
    return interaction("POST", f"{V1}/chat/completions", body,
                       chat_completion(answer, CHAT_MODEL, azure_openai=True, id=id, **kwargs), auth="bearer")


def interactions():
    image = {
        "created": CREATED,
        "data": [{
            "content_filter_results": CATEGORIES,
            "prompt_filter_results": {**CATEGORIES, "jailbreak": NOT_DETECTED, "profanity": NOT_DETECTED},
            "revised_prompt": "A watercolor painting of a cheerful monkey sitting on a branch and happily eating a "
                              "ripe yellow banana, with soft washes of green leaves in the background.",
            "url": "https://dalleprodsec.blob.core.windows.net/private/images/replay-placeholder/generated_00.png"
                   "?se=2026-11-25T00%3A00%3A00Z&sig=replay-placeholder",
        }],
    }
    v1_hello = {"model": "gpt-4o-mini", "messages": HELLO}
    return [
        # Entra ID: one call with each client; both send only Authorization: Bearer <token>.
        inference_chat({"messages": SAY_HELLO, "model": "gpt-4o-mini"}, "Hello! How can I help you today?",
                       "chatcmpl-kit-0801", auth="bearer", prompt_tokens=10, completion_tokens=9),
        v1_chat({"model": "gpt-4o-mini", "messages": SAY_HELLO}, "Hello! How can I assist you today?",
                "chatcmpl-kit-0802", prompt_tokens=10, completion_tokens=9),
        # Entra ID, asynchronous: AsyncOpenAI with azure.identity.aio's token provider sends the same header.
        v1_chat({"model": "gpt-4o-mini", "messages": SAY_HELLO_ASYNC}, "Hello! I'm here whenever you need me.",
                "chatcmpl-kit-0811", prompt_tokens=12, completion_tokens=10),
        # Responses API (OpenAI v1 only).
        interaction("POST", f"{V1}/responses", {"model": "gpt-4o-mini", "input": "This is a test."},
                    response("It looks like you're testing things out. Everything is working on my end. "
                             "How can I help you today?", CHAT_MODEL, "resp_kit0801"), auth="bearer"),
        # Chat completions, before and after.
        inference_chat({"messages": AZURE_AI, "model": "gpt-4o-mini"},
                       "Azure AI is Microsoft's set of cloud services for building intelligent applications: "
                       "prebuilt AI services for vision, speech and language, Azure OpenAI, and a catalog of "
                       "models you can deploy and call through one endpoint.", "chatcmpl-kit-0803",
                       prompt_tokens=22, completion_tokens=41),
        v1_chat({"model": "gpt-4o-mini", "messages": AZURE_AI},
                "Azure AI is Microsoft's portfolio of cloud AI services, including Azure OpenAI, Azure AI Search, "
                "speech, vision and language services, and Microsoft Foundry for building, deploying and managing "
                "AI models and applications.", "chatcmpl-kit-0804", prompt_tokens=22, completion_tokens=40),
        # model_extras becomes extra_body: the same key at the top level of the body.
        interaction("POST", f"{INFERENCE}/chat/completions{QUERY}",
                    {"messages": ONE_SERVICE, "model": "gpt-4o-mini", "user_security_context": SECURITY_CONTEXT},
                    chat_completion("Azure AI Search.", CHAT_MODEL, azure_openai=True, id="chatcmpl-kit-0805",
                                    prompt_tokens=13, completion_tokens=4),
                    request_headers={"extra-parameters": "pass-through"}),
        v1_chat({"model": "gpt-4o-mini", "messages": ONE_SERVICE, "user_security_context": SECURITY_CONTEXT},
                "Azure AI Search.",
                "chatcmpl-kit-0806", prompt_tokens=13, completion_tokens=4),
        # Streaming: azure-ai-inference drops the empty first chunk; openai yields it.
        interaction("POST", f"{INFERENCE}/chat/completions{QUERY}",
                    {"messages": POEM, "stream": True, "model": "gpt-4o-mini"},
                    chat_stream(POEM_PIECES, CHAT_MODEL, azure_openai=True, id="chatcmpl-kit-0807"),
                    stream=True, request_headers=JSON_ACCEPT),
        *[interaction("POST", f"{V1}/chat/completions", {"model": "gpt-4o-mini", "messages": POEM, "stream": True},
                      chat_stream(POEM_PIECES, CHAT_MODEL, azure_openai=True, id=f"chatcmpl-kit-080{n}"),
                      auth="bearer", stream=True, request_headers=JSON_ACCEPT) for n in (8, 9)],
        # Embeddings: floats for azure-ai-inference, base64 for openai (it asked for base64).
        interaction("POST", f"{INFERENCE}/embeddings{QUERY}",
                    {"input": [EMBED_TEXT], "model": "text-embedding-3-small"},
                    embeddings([vector(8)], "text-embedding-3-small", prompt_tokens=5)),
        interaction("POST", f"{V1}/embeddings",
                    {"model": "text-embedding-3-small", "input": EMBED_TEXT, "encoding_format": "base64"},
                    embeddings([vector(8)], "text-embedding-3-small", prompt_tokens=5, as_base64=True), auth="bearer"),
        # Image generation (OpenAI v1 only).
        interaction("POST", f"{V1}/images/generations",
                    {"model": "dall-e-3", "prompt": "a happy monkey eating a banana, in watercolor", "n": 1,
                     "quality": "standard", "size": "1024x1024"}, image, auth="bearer"),
        # Error handling: azure-core retries a 429 with Retry-After 3 times (4 requests); openai twice (3 requests).
        *[interaction("POST", f"{INFERENCE}/chat/completions{QUERY}", {"messages": HELLO, "model": "gpt-4o-mini"},
                      INFERENCE_RATE_LIMITED, status=429, response_headers=INFERENCE_RATE_HEADERS) for _ in range(4)],
        *[interaction("POST", f"{V1}/chat/completions", v1_hello, V1_RATE_LIMITED, status=429, auth="bearer",
                      response_headers=V1_RATE_HEADERS) for _ in range(3)],
        *[interaction("POST", f"{V1}/chat/completions", v1_hello, SERVER_ERROR, status=500, auth="bearer")
          for _ in range(3)],
        # Troubleshooting: a dated api-version kept on the v1 endpoint.
        interaction("POST", f"{V1}/chat/completions?api-version=2024-10-21",
                    {"model": "gpt-4o-mini", "messages": AZURE_AI},
                    error("BadRequest", "API version not supported"), status=400, auth="bearer"),
    ]
