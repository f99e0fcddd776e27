"""Recording source for 03_streaming: sync and async streaming with azure-ai-inference, the Azure OpenAI stream
shape (first chunk with empty choices), the OpenAI v1 equivalent with and without usage, and two errors."""

import re

from vcr.request import Request

from helpers.scrubbing import Scrubber
from tools.wire import chat_completion, chat_stream, error, interaction

REFERENCES = ["model-inference", "azure-openai", "openai-types", "sdk-sources", "real-answers"]
BODIES_NOTE = (
    "Synthesized, not recorded live. Serverless bodies (chat and SSE stream) follow the Azure AI model inference "
    "REST API (2024-05-01-preview): data: lines, no content-filter annotations. Azure OpenAI streams (deployment "
    "route with api-version=2024-06-01, and the /openai/v1/ route) follow the Azure OpenAI data-plane spec "
    "(2024-06-01) as summarised in shared/WIRE.md: a first chunk with empty choices and prompt_filter_results, "
    "content_filter_results on each choice, data: [DONE], and with stream_options.include_usage a last chunk "
    "with usage and empty choices. Model answers are illustrative text written for this lesson.")
NOTE_401 = " The 401 body is the documented Azure OpenAI answer to a wrong key (shared/WIRE.md)."
NOTE = BODIES_NOTE + NOTE_401

SERVERLESS = "https://example-model.eastus2.models.ai.azure.com/chat/completions?api-version=2024-05-01-preview"
DEPLOYMENT = ("https://example-resource.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions"
              "?api-version=2024-06-01")
V1 = "https://example-resource.openai.azure.com/openai/v1/chat/completions"
SERVERLESS_MODEL = "mistral-large-2411"
AOAI_MODEL = "gpt-4o-mini-2024-07-18"
SYSTEM = {"role": "system", "content": "You are a helpful assistant."}


def user(text):
    return [SYSTEM, {"role": "user", "content": text}]


def pieces(text):
    """Split an answer into token-sized pieces, the way a stream delivers it."""
    return re.findall(r"\s*\S+", text)


EXERCISE = (
    "Here are five good reasons to exercise every day:\n\n"
    "1. **A stronger heart**: regular activity lowers blood pressure and improves circulation.\n"
    "2. **More energy**: moving your body helps you feel less tired during the day.\n"
    "3. **A better mood**: exercise releases endorphins that ease stress and anxiety.\n"
    "4. **Deeper sleep**: active people fall asleep faster and sleep more soundly.\n"
    "5. **A healthy weight**: daily movement burns calories and builds muscle.\n\n"
    "Even a 30-minute walk counts!"
)
HAIKU = "Waves fold into foam,\nsalt wind carries gull voices,\nthe tide breathes and sleeps."
POEM = (
    "In skies of blue where data flows,\n"
    "Azure's cloud in silence grows;\n"
    "From servers vast to edges near,\n"
    "Your code takes flight, your path is clear."
)
ACCESS_DENIED = ("Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid "
                 "key for an active subscription and use a correct regional API endpoint for your resource.")


def serverless_stream(text, prompt):
    return interaction("POST", SERVERLESS, {"messages": user(prompt), "stream": True},
                       chat_stream(pieces(text), SERVERLESS_MODEL), stream=True)


def serverless_chat(prompt, answer, prompt_tokens, completion_tokens):
    return interaction("POST", SERVERLESS, {"messages": user(prompt)},
                       chat_completion(answer, SERVERLESS_MODEL, prompt_tokens=prompt_tokens,
                                       completion_tokens=completion_tokens))


KEYS = {"AZURE_OPENAI_CHAT_KEY": ("deployment-key", DEPLOYMENT), "AZURE_AI_CHAT_KEY": ("serverless-key", SERVERLESS)}


def as_recorded(variable):
    """The headers azure-ai-inference sends to DEPLOYMENT with AzureKeyCredential("") and headers={"api-key": key}
    (the caller's api-key and the empty credential's "Authorization: Bearer "), as record mode writes them after
    helpers.scrubbing.Scrubber, which knows the endpoint each of the notebook's keys opens."""
    scrubber = Scrubber([key for key, _ in KEYS.values()], keys=KEYS.values())
    headers = {"api-key": KEYS[variable][0], "Authorization": "Bearer "}
    return dict(scrubber.request(Request("POST", DEPLOYMENT, None, headers)).headers)


EMPTY_CREDENTIAL = as_recorded("AZURE_OPENAI_CHAT_KEY")
WRONG_KEY = as_recorded("AZURE_AI_CHAT_KEY")  # the troubleshooting cell's: the serverless endpoint's key
POEM_REQUEST = {"messages": user("Write a poem about Azure."), "stream": True, "model": "gpt-4o-mini"}


def deployment_poem():
    return interaction("POST", DEPLOYMENT, POEM_REQUEST, chat_stream(pieces(POEM), AOAI_MODEL, azure_openai=True),
                       auth=None, request_headers=EMPTY_CREDENTIAL, stream=True)


def v1_poem(**extra):
    body = {"model": "gpt-4o-mini", "messages": user("Write a poem about Azure."), "stream": True, **extra}
    include_usage = bool(extra.get("stream_options", {}).get("include_usage"))
    return interaction("POST", V1, body,
                       chat_stream(pieces(POEM), AOAI_MODEL, azure_openai=True, include_usage=include_usage,
                                   prompt_tokens=24),
                       auth="bearer", stream=True)


def interactions():
    return [
        # Step 1: guide 004's streaming example against a serverless endpoint.
        serverless_stream(EXERCISE, "Give me 5 good reasons why I should exercise every day."),
        # Step 2: the async client: one call, two concurrent calls, one stream.
        serverless_chat("How many feet are in a mile?", "There are 5,280 feet in a mile.", 23, 11),
        serverless_chat("What is the capital of France?", "The capital of France is Paris.", 23, 8),
        serverless_chat("How many legs does a spider have?", "A spider has eight legs.", 24, 7),
        serverless_stream(HAIKU, "Write a haiku about the sea."),
        # Step 3: azure-ai-inference against an Azure OpenAI deployment: the guarded loop, then the unguarded one.
        deployment_poem(),
        deployment_poem(),
        # Step 4: the OpenAI v1 loop of guide 001 (IndexError on the first chunk), then the fixed loop.
        v1_poem(),
        v1_poem(),
        # Step 5: usage on the last chunk.
        v1_poem(stream_options={"include_usage": True}),
        # Troubleshooting: a wrong key on the deployment; a sync for loop over the async stream.
        interaction("POST", DEPLOYMENT, POEM_REQUEST, error("401", ACCESS_DENIED), status=401,
                    auth=None, request_headers=WRONG_KEY),
        serverless_stream(HAIKU, "Write a haiku about the sea."),
    ]
