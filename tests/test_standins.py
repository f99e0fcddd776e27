"""Stand-ins have the wire shape of their route: each real SDK client calls a replay whose cassette is empty
(non-strict, the network refused by tests/conftest.py), parses the stand-in with its own code, and shows text that
says it is a stand-in. Every stand-in body also passes tests/support/fidelity.py's checks of recorded bodies, has the
shape of the real answer for its route where tests/reference/ holds one, and nothing is written to the cassette."""

import asyncio
import base64
import json
import struct
from urllib.parse import urlsplit

import pytest
import yaml

from helpers import standins
from helpers.cassettes import cassette_path
from helpers.scrubbing import Scrubber
from helpers.session import Replay
from helpers.settings import VARIABLES
from tests.support.fidelity import body_problems, body_text, is_sse
from tests.support.reference_shapes import reference_for, shape_differences, stream_differences
from tools import wire

REPLAY_KEY = VARIABLES["AZURE_AI_CHAT_KEY"].placeholder  # a key as the kit cell sets it in replay

SERVERLESS = VARIABLES["AZURE_AI_CHAT_ENDPOINT"].placeholder
DEPLOYMENT = VARIABLES["AZURE_OPENAI_CHAT_ENDPOINT"].placeholder
FOUNDRY = VARIABLES["AZURE_INFERENCE_ENDPOINT"].placeholder
V1 = VARIABLES["AZURE_OPENAI_BASE_URL"].placeholder
PHRASES = ["first phrase", "second phrase", "third phrase"]
DIMENSIONS = 64


@pytest.fixture
def replay(tmp_path):
    """A non-strict replay of an empty cassette; afterwards the file is byte-identical and alone in its folder."""
    data = wire.cassette([], ["sdk-sources"], "Empty: every answer is a stand-in (tests/test_standins.py).")
    path = cassette_path("empty", tmp_path)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    before = path.read_bytes()
    session = Replay("empty", path, Scrubber([REPLAY_KEY]), strict=False).open()
    session.begin_cell("the learner's cell")
    yield session
    session.close()
    assert path.read_bytes() == before, "a stand-in was written to the cassette"
    assert list(tmp_path.iterdir()) == [path]


def served(session):
    """Each stand-in served, as a cassette's interaction."""
    assert all(each.standin for each in session.served)
    return [{"request": {"method": each.request.method, "uri": each.request.uri, "headers": each.request.headers,
                         "body": each.request.body}, "response": each.response} for each in session.served]


def served_problems(session):
    """Each stand-in served, checked as a recorded interaction is (tests/support/fidelity.py)."""
    return [problem for interaction in served(session) for problem in body_problems(interaction)]


def shape_problems(session):
    """Each stand-in body that differs in shape from the real answer tests/reference/ holds for its route (the kit's
    headers are its own: a stand-in makes up no request ids). Base64 embeddings answer a request for them."""
    problems = []
    for interaction in served(session):
        name, reference = reference_for(interaction)
        if reference is None or b"base64" in (interaction["request"]["body"] or b""):
            continue
        text, real = body_text(interaction["response"]["body"]), reference["response"]["body"]
        found = stream_differences(text, real) if is_sse(interaction) else shape_differences(json.loads(text), real)
        problems += [f"{interaction['request']['uri']} differs from tests/reference/{name}.json: {d}" for d in found]
    return problems


def inference_key():
    from azure.core.credentials import AzureKeyCredential

    return AzureKeyCredential(REPLAY_KEY)


def ask():
    from azure.ai.inference.models import UserMessage

    return [UserMessage(content="A question nobody recorded")]


def openai_client():
    from openai import OpenAI

    return OpenAI(base_url=V1, api_key=REPLAY_KEY)


def openai_messages():
    return [{"role": "user", "content": "A question nobody recorded"}]


def azure_chat(endpoint, **options):
    from azure.ai.inference import ChatCompletionsClient
    from azure.ai.inference.models import ChatCompletions

    with ChatCompletionsClient(endpoint=endpoint, credential=inference_key(), **options) as client:
        response = client.complete(messages=ask())
    assert isinstance(response, ChatCompletions)
    assert response.usage.total_tokens > 0
    return response.choices[0].message.content


def azure_stream(endpoint, include_usage=False, **options):
    from azure.ai.inference import ChatCompletionsClient
    from azure.ai.inference.models import StreamingChatCompletionsUpdate

    extras = {"model_extras": {"stream_options": {"include_usage": True}}} if include_usage else {}
    with ChatCompletionsClient(endpoint=endpoint, credential=inference_key(), **options) as client:
        updates = list(client.complete(messages=ask(), stream=True, **extras))
    assert all(isinstance(update, StreamingChatCompletionsUpdate) for update in updates)
    assert bool(updates[-1].usage) == (include_usage or endpoint == SERVERLESS)  # serverless sends it unasked
    return "".join(update.choices[0].delta.content or "" for update in updates if update.choices)


def azure_async_chat():
    from azure.ai.inference.aio import ChatCompletionsClient

    async def call():
        async with ChatCompletionsClient(endpoint=SERVERLESS, credential=inference_key()) as client:
            response = await client.complete(messages=ask())
        return response.choices[0].message.content

    return asyncio.run(call())


def azure_model_info():
    from azure.ai.inference import ChatCompletionsClient
    from azure.ai.inference.models import ModelInfo

    with ChatCompletionsClient(endpoint=FOUNDRY, credential=inference_key()) as client:
        info = client.get_model_info()
    assert isinstance(info, ModelInfo)
    return info.model_provider_name


def azure_embeddings(encoding=None):
    from azure.ai.inference import EmbeddingsClient
    from azure.ai.inference.models import EmbeddingsResult

    options = {"encoding_format": encoding} if encoding else {}
    with EmbeddingsClient(endpoint=SERVERLESS, credential=inference_key()) as client:
        result = client.embed(input=PHRASES, dimensions=DIMENSIONS, **options)
    assert isinstance(result, EmbeddingsResult)
    vectors = [item.embedding for item in result.data]
    if encoding == "base64":
        vectors = [struct.unpack(f"<{len(base64.b64decode(v)) // 4}f", base64.b64decode(v)) for v in vectors]
    assert [len(vector) for vector in vectors] == [DIMENSIONS] * len(PHRASES)
    return result.model


def azure_image_embeddings():
    from azure.ai.inference import ImageEmbeddingsClient
    from azure.ai.inference.models import EmbeddingsResult, ImageEmbeddingInput

    image = "data:image/png;base64," + base64.b64encode(b"\x89PNG not really").decode()
    with ImageEmbeddingsClient(endpoint=SERVERLESS, credential=inference_key()) as client:
        result = client.embed(input=[ImageEmbeddingInput(image=image)])
    assert isinstance(result, EmbeddingsResult) and len(result.data) == 1
    return result.model


def openai_chat():
    from openai.types.chat import ChatCompletion

    completion = openai_client().chat.completions.create(model="gpt-4o-mini", messages=openai_messages())
    assert isinstance(completion, ChatCompletion)
    return completion.choices[0].message.content


def openai_stream(include_usage=False):
    from openai.types.chat import ChatCompletionChunk

    extras = {"stream_options": {"include_usage": True}} if include_usage else {}
    chunks = list(openai_client().chat.completions.create(model="gpt-4o-mini", messages=openai_messages(),
                                                          stream=True, **extras))
    assert all(isinstance(chunk, ChatCompletionChunk) for chunk in chunks)
    assert chunks[0].choices == [], "Azure OpenAI's first chunk has empty choices"
    assert bool(chunks[-1].usage) == include_usage
    return "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)


def openai_embeddings(encoding=None):
    from openai.types import CreateEmbeddingResponse

    options = {"encoding_format": encoding} if encoding else {}  # unset, the SDK asks for base64 and decodes it
    response = openai_client().embeddings.create(model="text-embedding-3-small", input=PHRASES,
                                                 dimensions=DIMENSIONS, **options)
    assert isinstance(response, CreateEmbeddingResponse)
    assert [len(item.embedding) for item in response.data] == [DIMENSIONS] * len(PHRASES)
    assert all(isinstance(value, float) for value in response.data[0].embedding)
    return response.model


def openai_responses():
    from openai.types.responses import Response

    response = openai_client().responses.create(model="gpt-4o-mini", input="A question nobody recorded")
    assert isinstance(response, Response)
    return response.output_text


def openai_completions():
    from openai.types import Completion

    completion = openai_client().completions.create(model="gpt-35-turbo-instruct", prompt="Nobody recorded this")
    assert isinstance(completion, Completion)
    return completion.choices[0].text


def openai_images():
    from openai.types import ImagesResponse

    response = openai_client().images.generate(model="dall-e-3", prompt="Nobody recorded this", n=2)
    assert isinstance(response, ImagesResponse) and len(response.data) == 2
    assert base64.b64decode(response.data[0].b64_json).startswith(b"\x89PNG")
    return response.data[0].revised_prompt


STAND_IN_MODEL = standins.MODEL
CALLS = {  # id: (call, what it returns when the stand-in says what it is)
    "azure-chat-serverless": (lambda: azure_chat(SERVERLESS), standins.TEXT),
    "azure-chat-azure-openai": (lambda: azure_chat(DEPLOYMENT, api_version="2024-06-01"), standins.TEXT),
    "azure-chat-async": (azure_async_chat, standins.TEXT),
    "azure-stream-serverless": (lambda: azure_stream(SERVERLESS), standins.TEXT),
    "azure-stream-serverless-usage": (lambda: azure_stream(SERVERLESS, include_usage=True), standins.TEXT),
    "azure-stream-azure-openai": (lambda: azure_stream(DEPLOYMENT, api_version="2024-06-01"), standins.TEXT),
    "azure-stream-azure-openai-usage": (lambda: azure_stream(DEPLOYMENT, include_usage=True,
                                                             api_version="2024-06-01"), standins.TEXT),
    "azure-model-info": (azure_model_info, "Stand-in (not a model)"),
    "azure-embeddings-float": (azure_embeddings, STAND_IN_MODEL),
    "azure-embeddings-base64": (lambda: azure_embeddings("base64"), STAND_IN_MODEL),
    "azure-image-embeddings": (azure_image_embeddings, STAND_IN_MODEL),
    "openai-chat": (openai_chat, standins.TEXT),
    "openai-stream": (openai_stream, standins.TEXT),
    "openai-stream-usage": (lambda: openai_stream(include_usage=True), standins.TEXT),
    "openai-embeddings-base64": (openai_embeddings, "text-embedding-3-small"),
    "openai-embeddings-float": (lambda: openai_embeddings("float"), "text-embedding-3-small"),
    "openai-responses": (openai_responses, standins.TEXT),
    "openai-completions": (openai_completions, standins.TEXT),
    "openai-images": (openai_images, standins.TEXT),
}


@pytest.mark.parametrize("call, says", CALLS.values(), ids=CALLS.keys())
def test_each_sdk_parses_the_stand_in_for_its_route_and_shows_that_it_is_one(replay, call, says):
    assert call() == says
    assert replay.served, "the call sent nothing"
    assert not served_problems(replay), "\n".join(served_problems(replay))
    assert not shape_problems(replay), "\n".join(shape_problems(replay))


def test_the_sdk_calls_above_cover_every_stand_in_route(replay):
    for call, _ in CALLS.values():
        call()
    routes = {next(build for suffix, build in standins.ROUTES if urlsplit(s.request.uri).path.endswith(suffix))
              for s in replay.served}
    assert routes == {build for _, build in standins.ROUTES}



def test_a_new_request_with_another_key_gets_the_401_the_service_would_send_in_each_sdk(replay):
    from azure.ai.inference import ChatCompletionsClient
    from azure.ai.inference.models import UserMessage
    from azure.core.credentials import AzureKeyCredential
    from azure.core.exceptions import ClientAuthenticationError
    from openai import AuthenticationError, OpenAI

    client = ChatCompletionsClient(endpoint=SERVERLESS, credential=AzureKeyCredential("not-the-right-key"))
    with pytest.raises(ClientAuthenticationError) as azure_error:
        client.complete(messages=[UserMessage(content="A question nobody recorded")])
    assert azure_error.value.status_code == 401
    assert standins.WRONG_KEY_TEXT in azure_error.value.message

    v1 = OpenAI(base_url=V1, api_key="not-the-right-key", max_retries=0)
    with pytest.raises(AuthenticationError) as openai_error:
        v1.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Nobody recorded me"}])
    assert openai_error.value.status_code == 401
    assert openai_error.value.body["message"] == standins.WRONG_KEY_TEXT
    assert [each.response["status"]["code"] for each in replay.served] == [401, 401]
    assert served_problems(replay) == []


def test_a_stand_in_embedding_has_the_length_of_the_vectors_recorded_for_its_endpoint():
    """A query nobody recorded, embedded to be compared with recorded vectors (04's semantic search), gets a stand-in
    of their length, not the 1536 numbers of a stand-in for an endpoint with no recording."""
    from azure.ai.inference import EmbeddingsClient
    from azure.core.credentials import AzureKeyCredential

    key = VARIABLES["AZURE_AI_EMBEDDINGS_KEY"].placeholder
    session = Replay("04_embeddings", cassette_path("04_embeddings"), Scrubber([key]), strict=False).open()
    try:
        session.begin_cell("the learner's cell")
        client = EmbeddingsClient(endpoint=VARIABLES["AZURE_AI_EMBEDDINGS_ENDPOINT"].placeholder,
                                  credential=AzureKeyCredential(key))
        recorded = client.embed(input=["How do I reset my password?", "I forgot my password and can't sign in.",
                                       "Will it rain tomorrow?", "What's the weather forecast for tomorrow?",
                                       "My cat sleeps all day."])
        new = client.embed(input=["A query nobody recorded"])
        assert [each.standin for each in session.served] == [False, True]
        assert len(new.data[0].embedding) == len(recorded.data[0].embedding) != 1536
    finally:
        session.close()
