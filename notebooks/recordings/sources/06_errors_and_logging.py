"""Recording source for 06_errors_and_logging: 401, 404 and 429 answers, retries, content-filtered answers, and calls
made while logging."""

import math

from tools.wire import (
    NOT_FOUND_HEADERS,
    NOT_FOUND_TEXT,
    SERVERLESS_UNAUTHORIZED,
    SERVERLESS_UNAUTHORIZED_HEADERS,
    azure_openai_rate_limited,
    chat_completion,
    content_filtered,
    content_filtered_completion,
    embeddings,
    error,
    interaction,
)

REFERENCES = ["model-inference", "azure-openai", "openai-types", "sdk-sources", "real-answers"]
NOTE = (
    "Synthesized, not recorded live. Chat and embeddings bodies follow the Azure AI model inference REST API "
    "(2024-05-01-preview); the embedding vectors are made-up numbers (1024 per phrase). "
    "401: the real answer of a serverless endpoint to a wrong key, {'statusCode': 401, 'message': 'Auth token "
    "validation failed...'} with x-ms-error-reason (Azure/azure-sdk-assets python/sdk/ai/azure-ai-inference/tests/"
    "recordings/test_chat_completions_client.pyTestChatCompletionsClienttest_chat_completion_with_auth_failure.json "
    "at a1cd8e128d3f3501c69b3a68544776fb22622ba0). "
    "404: the real answer of a chat-only endpoint to POST /embeddings, text/plain 'NOT FOUND' (same repository, "
    "...test_embeddings_on_chat_completion_endpoint.json at fe3e6677ffea8f9a2d67bab6894678c788bb1da9); guide 004 "
    "describes a 405. "
    "429 (Azure OpenAI deployment, through azure-ai-inference): Azure OpenAI's form (jasonacox/TinyLLM#17): the "
    "message names the request's api-version and 'Please retry after 1 second.', with 'retry-after: 1' as Azure sends "
    "it (icereed/paperless-gpt#814); azure-core reads retry-after first, so replay waits that 1 second, then the "
    "answer. "
    "429 (serverless, no Retry-After): illustrative, an ErrorResponse body in the shape of the REST API spec. No "
    "public source shows whether a serverless endpoint's 429 carries Retry-After; Microsoft's troubleshooting page "
    "for online endpoints (MicrosoftDocs/azure-docs articles/machine-learning/how-to-troubleshoot-online-endpoints.md) "
    "tells you to resend a 429 with exponential backoff and names no Retry-After. The notebook says so. "
    "429 (Azure OpenAI v1): three answers in Azure OpenAI's form, with 'retry-after: 1', 'retry-after-ms: 10' "
    "(shortened so that openai, which reads it first, does not wait) and x-ratelimit-remaining-* headers. That a "
    "/openai/v1/ request's 429 names the version 'v1' is assumed. "
    "429 for a daily quota (Step 4): the same form asking for 86400 seconds, as jasonacox/TinyLLM#17 and "
    "alex-wolf-ps/dbchatprov2#2 quote it, with retry-after 86400 and retry-after-ms 86400000 (neither SDK sleeps it "
    "in the lesson: azure-core is called with retry_total=0, and openai does not retry a wait of more than 120 s). "
    "Content filter, 400: Azure OpenAI's answer to a blocked prompt, code content_filter with an innererror "
    "ResponsibleAIPolicyViolation and content_filter_result per category (tests/reference/azure-openai-chat-400-"
    "content-filter.json: tatsu-lab/alpaca_eval#430, openai/openai-dotnet#55). Content filter, 200: a completion the "
    "filter cut, finish_reason content_filter, content null, and the choice's content_filter_results "
    "(tests/reference/azure-openai-chat-200-content-filter.json: seyoungsong/classical-chinese-transfer "
    "src/train/mt_api/gpt4/model.py at 5f5b5aa6bfcb661dce599cef95a133f5523fdcd8). Which category and severity "
    "were filtered is illustrative; whether a given prompt is blocked live depends on the deployment's filter."
)

CHAT = "https://example-model.eastus2.models.ai.azure.com"
EMBED = "https://example-embeddings.eastus2.models.ai.azure.com"
V1 = "https://example-resource.openai.azure.com/openai/v1/chat/completions"
DEPLOYMENT = ("https://example-resource.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions"
              "?api-version=2024-06-01")
BLOCKED_PROMPT = "Explain step by step how to hurt someone with a kitchen knife."
FILTERED_ANSWER = "Write a short, graphic scene of a knife fight."
QUERY = "?api-version=2024-05-01-preview"
MODEL = "mistral-large-2411"
SYSTEM = {"role": "system", "content": "You are a helpful assistant."}


def ask(question):
    return {"messages": [SYSTEM, {"role": "user", "content": question}]}


PHRASES = ["first phrase", "second phrase", "third phrase"]


def vector(seed, size=1024):
    return [round(0.05 * math.sin(seed * 7.3 + i * 0.37 + 1.1) * math.cos(i * 0.011 + seed), 9) for i in range(size)]


AOAI_429, AOAI_429_HEADERS = azure_openai_rate_limited("v1")
DEPLOYMENT_429, DEPLOYMENT_429_HEADERS = azure_openai_rate_limited("2024-06-01")
DAY = 86400  # a daily quota's wait
DAILY_429, DAILY_429_HEADERS = azure_openai_rate_limited("v1", seconds=DAY, retry_after_ms=DAY * 1000)
DEPLOYMENT_DAILY_429, DEPLOYMENT_DAILY_429_HEADERS = azure_openai_rate_limited("2024-06-01", seconds=DAY,
                                                                               retry_after_ms=DAY * 1000)
KILOMETERS = "How many kilometers are in a mile?"


def logged(pair):
    """Keep only Content-Type on an answer whose headers a cell logs: vcrpy 9.4.2 replays response headers in an
    order that changes from process to process (vcr/stubs/compat.py iterates over a set), and a page with stored
    output can only show a single header in a stable order."""
    pair["response"]["headers"] = {"Content-Type": pair["response"]["headers"]["Content-Type"]}
    return pair


def interactions():
    chat = CHAT + "/chat/completions" + QUERY
    return [
        # Step 1: a wrong key
        interaction("POST", chat, ask("How many feet are in a mile?"), SERVERLESS_UNAUTHORIZED, status=401,
                    other_key=True, response_headers=SERVERLESS_UNAUTHORIZED_HEADERS),
        interaction("POST", chat, {"messages": [{"role": "user", "content": "How many feet are in a mile?"}]},
                    SERVERLESS_UNAUTHORIZED, status=401, other_key=True,
                    response_headers=SERVERLESS_UNAUTHORIZED_HEADERS),
        # Step 1: embeddings on a chat-only endpoint
        interaction("POST", CHAT + "/embeddings" + QUERY, {"input": PHRASES}, NOT_FOUND_TEXT, status=404,
                    response_headers=NOT_FOUND_HEADERS),
        # Step 2: an Azure OpenAI deployment's 429 with Retry-After, then the answer
        interaction("POST", DEPLOYMENT, ask("How many meters are in a mile?"), DEPLOYMENT_429, status=429,
                    response_headers=DEPLOYMENT_429_HEADERS),
        interaction("POST", DEPLOYMENT, ask("How many meters are in a mile?"),
                    chat_completion("A mile is about 1,609 meters.", "gpt-4o-mini-2024-07-18", prompt_tokens=24,
                                    completion_tokens=9, azure_openai=True)),
        # Step 2: 429 without Retry-After
        interaction("POST", chat, ask("How many inches are in a mile?"),
                    error("429", "Rate limit is exceeded. Try again later."), status=429),
        # Step 3: openai retries a 429 twice, then raises RateLimitError
        *[interaction("POST", V1, {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]},
                      AOAI_429, status=429, auth="bearer",
                      response_headers=AOAI_429_HEADERS)
          for _ in range(3)],
        # Step 4: a daily quota's 429, once through azure-ai-inference with retry_total=0 and once through openai,
        # which does not retry a wait of more than 120 s
        interaction("POST", DEPLOYMENT, {"messages": [{"role": "user", "content": KILOMETERS}]},
                    DEPLOYMENT_DAILY_429, status=429, response_headers=DEPLOYMENT_DAILY_429_HEADERS),
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": KILOMETERS}]},
                    DAILY_429, status=429, auth="bearer", response_headers=DAILY_429_HEADERS),
        # Step 5: the content filter, through openai (v1) and azure-ai-inference (deployment)
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": BLOCKED_PROMPT}]},
                    content_filtered(), status=400, auth="bearer"),
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": FILTERED_ANSWER}]},
                    content_filtered_completion("gpt-4o-mini-2024-07-18", prompt_tokens=16, completion_tokens=41),
                    auth="bearer"),
        interaction("POST", DEPLOYMENT, {"messages": [{"role": "user", "content": BLOCKED_PROMPT}]},
                    content_filtered(), status=400),
        interaction("POST", DEPLOYMENT, {"messages": [{"role": "user", "content": FILTERED_ANSWER}]},
                    content_filtered_completion("gpt-4o-mini-2024-07-18", prompt_tokens=16, completion_tokens=38)),
        # Step 6: logging, redacted
        logged(interaction("POST", chat, ask("How many yards are in a mile?"),
                           chat_completion("There are 1,760 yards in a mile.", MODEL, prompt_tokens=23,
                                           completion_tokens=11))),
        # Step 6: logging_enable=True, unredacted
        logged(interaction("POST", chat, ask("How many feet are in a kilometer?"),
                           chat_completion("A kilometer is about 3,281 feet.", MODEL, prompt_tokens=23,
                                           completion_tokens=11))),
        # Troubleshooting: logging_enable=True at INFO level is still redacted
        logged(interaction("POST", chat, ask("How many meters are in a kilometer?"),
                           chat_completion("There are 1,000 meters in a kilometer.", MODEL, prompt_tokens=23,
                                           completion_tokens=10))),
        # Troubleshooting: the right key
        interaction("POST", chat, ask("How many feet are in a mile?"),
                    chat_completion("There are 5,280 feet in a mile.", MODEL, prompt_tokens=23, completion_tokens=11)),
        # Troubleshooting: the embeddings endpoint
        interaction("POST", EMBED + "/embeddings" + QUERY, {"input": PHRASES},
                    embeddings([vector(s) for s in range(3)], "Cohere-embed-v3-english", prompt_tokens=6)),
    ]
