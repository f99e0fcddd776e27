"""A live endpoint has nothing between the SDKs and the service, even in a session where another endpoint replays.
The kit routes each request by its host (helpers.routing): a stream the service sends event by event
(tests/support/loopback.py with stream_gap: chunked, each event flushed) reaches each SDK event by event, through each
transport: requests (azure-ai-inference), aiohttp (its .aio client) and httpx2 (openai, sync and async), while a request
to the replayed endpoint's placeholder host is answered from the recording. The clients go to the loopback server with
the keys start() left in os.environ."""

import asyncio
import os
import ssl
import time

import pytest

from helpers import kit, network, show_requests
from helpers.apply import current_session
from tests.support.loopback import FakeAzure
from tests.support.transports import EVERY_PLACE, vcr_patched

GAP = 0.2
MESSAGES = [{"role": "user", "content": "Hi"}]  # "You asked: Hi": 7 events, the last data: [DONE]
# Updates each SDK yields: azure-ai-inference skips Azure's first chunk, whose choices are empty (models/_patch.py).
UPDATES = {"requests": 5, "aiohttp": 5, "httpx2": 6, "httpx2-async": 6}
ENDPOINTS = {  # two of 03_streaming's endpoints, real-looking: start() checks their kind; the calls go to loopback
    "AZURE_AI_CHAT_ENDPOINT": "https://contoso-llama.eastus2.models.ai.azure.com",
    "AZURE_OPENAI_BASE_URL": "https://contoso-aoai.openai.azure.com/openai/v1/",
}  # AZURE_OPENAI_CHAT_ENDPOINT is not set, so it replays in the same session


@pytest.fixture(scope="module")
def streaming_server(certificate):
    with FakeAzure(certificate=certificate, stream_gap=GAP) as azure:
        yield azure


@pytest.fixture
def live(kernel_env, streaming_server, capsys):
    os.environ.update(ENDPOINTS, AZURE_AI_CHAT_KEY=streaming_server.key, AZURE_OPENAI_API_KEY=streaming_server.key)
    kit.start("03_streaming")
    assert capsys.readouterr().out.splitlines()[1:4] == [
        "  live: AZURE_AI_CHAT_ENDPOINT (contoso-llama.eastus2.models.ai.azure.com)",
        "  live: AZURE_OPENAI_BASE_URL (contoso-aoai.openai.azure.com)",
        "  replay, not set: AZURE_OPENAI_CHAT_ENDPOINT"]


def inference_sync(server, ca):
    from azure.ai.inference import ChatCompletionsClient
    from azure.core.credentials import AzureKeyCredential

    client = ChatCompletionsClient(endpoint=f"{server.url}/models",
                                   credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"]), connection_verify=ca)
    return [time.monotonic() for _ in client.complete(messages=MESSAGES, stream=True)]


def inference_async(server, ca):
    from azure.ai.inference.aio import ChatCompletionsClient
    from azure.core.credentials import AzureKeyCredential

    async def run():
        async with ChatCompletionsClient(endpoint=f"{server.url}/models", connection_verify=ca,
                                         credential=AzureKeyCredential(os.environ["AZURE_AI_CHAT_KEY"])) as client:
            return [time.monotonic() async for _ in await client.complete(messages=MESSAGES, stream=True)]

    return asyncio.run(run())


def openai_sync(server, ca):
    import httpx2
    from openai import OpenAI

    client = OpenAI(base_url=f"{server.url}/openai/v1/", api_key=os.environ["AZURE_OPENAI_API_KEY"],
                    http_client=httpx2.Client(verify=ssl.create_default_context(cafile=ca)))
    return [time.monotonic() for _ in client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES,
                                                                     stream=True)]


def openai_async(server, ca):
    import httpx2
    from openai import AsyncOpenAI

    async def run():
        client = AsyncOpenAI(base_url=f"{server.url}/openai/v1/", api_key=os.environ["AZURE_OPENAI_API_KEY"],
                             http_client=httpx2.AsyncClient(verify=ssl.create_default_context(cafile=ca)))
        chunks = await client.chat.completions.create(model="gpt-4o-mini", messages=MESSAGES, stream=True)
        return [time.monotonic() async for _ in chunks]

    return asyncio.run(run())


CLIENTS = {"requests": inference_sync, "aiohttp": inference_async, "httpx2": openai_sync,
           "httpx2-async": openai_async}


@pytest.mark.parametrize("transport", CLIENTS)
def test_a_live_stream_reaches_the_sdk_as_the_service_sends_it(live, streaming_server, certificate, transport):
    first_event = len(streaming_server.stream_sent)
    arrivals = CLIENTS[transport](streaming_server, certificate[0])
    sent = streaming_server.stream_sent[first_event:]
    assert len(arrivals) == UPDATES[transport] and len(sent) == 7
    assert arrivals[-1] - arrivals[0] >= 0.5, f"{transport}: the updates came {arrivals[-1] - arrivals[0]:.2f} s apart"
    assert arrivals[0] < sent[-1] - 0.5, f"{transport}: the first update waited for the end of the stream"


def test_the_replayed_endpoint_answers_from_the_recording_in_the_same_session(live, streaming_server, capsys):
    from azure.ai.inference import ChatCompletionsClient
    from azure.core.credentials import AzureKeyCredential

    assert not network.is_blocked()
    endpoint = os.environ["AZURE_OPENAI_CHAT_ENDPOINT"]
    assert endpoint == "https://example-resource.openai.azure.com/openai/deployments/gpt-4o-mini"
    client = ChatCompletionsClient(endpoint=endpoint, api_version="2024-06-01",
                                   credential=AzureKeyCredential(os.environ["AZURE_OPENAI_CHAT_KEY"]))
    received = len(streaming_server.seen)
    answer = client.complete(messages=[{"role": "user", "content": "A prompt nobody recorded"}])
    assert answer.choices[0].message.content.startswith("[Stand-in answer, not a model's]")
    assert len(streaming_server.seen) == received, "a replayed request reached the service"
    assert [(s.standin, s.live) for s in current_session().served] == [(True, False)]


def test_replay_puts_vcrpy_on_every_transport_the_live_test_checks(kernel_env, capsys):
    """The check above can fail: in replay, vcrpy's replacement is in place on each of them."""
    os.environ["NOTEBOOK_MODE"] = "replay"
    kit.start("03_streaming")
    assert vcr_patched() == EVERY_PLACE
    kit.stop()
    assert vcr_patched() == []


def test_show_requests_shows_a_live_request_with_its_key_and_host_masked(live, streaming_server, certificate, capsys):
    inference_sync(streaming_server, certificate[0])
    current_session().begin_cell("show_requests()")
    show_requests()
    out = capsys.readouterr().out
    assert out.startswith("1. POST https://127.0.0.1:")
    assert "/models/chat/completions?api-version=2024-05-01-preview -> 200 (live)\n" in out
    assert streaming_server.key not in out and "api-key: <scrubbed>" in out


def test_a_client_that_hangs_up_mid_stream_leaves_the_test_output_alone(streaming_server, certificate, capfd):
    import socket

    with socket.create_connection(("127.0.0.1", streaming_server.port)) as raw:
        context = ssl.create_default_context(cafile=certificate[0])
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as client:
            body = b'{"messages": [{"role": "user", "content": "Hi"}], "stream": true}'
            client.sendall(b"POST /openai/v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\napi-key: "
                           + streaming_server.key.encode() + b"\r\nContent-Length: " + str(len(body)).encode()
                           + b"\r\n\r\n" + body)
            assert client.recv(64).startswith(b"HTTP/1.1 200")
    time.sleep(GAP * 8)  # the server writes the rest of the stream into a closed connection
    assert capfd.readouterr().err == ""
