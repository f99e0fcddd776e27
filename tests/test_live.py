"""Live mode has nothing between the SDKs and the service. start() in live installs no recorder and no guard, so a
stream the service sends event by event (tests/loopback.py with stream_gap: chunked, each event flushed) reaches each
SDK event by event, through each transport: requests (azure-ai-inference), aiohttp (its .aio client) and httpx2
(openai, sync and async). The clients go to the loopback server with the keys start() left in os.environ."""

import asyncio
import os
import ssl
import time

import pytest
from loopback import FakeAzure
from transports import EVERY_PLACE, vcr_patched

from helpers import kit, network, show_requests
from helpers.apply import current_session

GAP = 0.2
MESSAGES = [{"role": "user", "content": "Hi"}]  # "You asked: Hi": 7 events, the last data: [DONE]
# Updates each SDK yields: azure-ai-inference skips Azure's first chunk, whose choices are empty (models/_patch.py).
UPDATES = {"requests": 5, "aiohttp": 5, "httpx2": 6, "httpx2-async": 6}
ENDPOINTS = {  # 03_streaming's endpoints, real-looking: start() checks their kind; the calls go to the loopback server
    "AZURE_AI_CHAT_ENDPOINT": "https://contoso-llama.eastus2.models.ai.azure.com",
    "AZURE_OPENAI_CHAT_ENDPOINT": "https://contoso-aoai.openai.azure.com/openai/deployments/gpt-4o-mini",
    "AZURE_OPENAI_BASE_URL": "https://contoso-aoai.openai.azure.com/openai/v1/",
}


@pytest.fixture(scope="module")
def server(certificate):
    with FakeAzure(certificate=certificate, stream_gap=GAP) as azure:
        yield azure


@pytest.fixture
def live(kernel_env, server, capsys):
    os.environ.update(ENDPOINTS, NOTEBOOK_MODE="live", AZURE_AI_CHAT_KEY=server.key, AZURE_OPENAI_CHAT_KEY=server.key,
                      AZURE_OPENAI_API_KEY=server.key)
    kit.start("03_streaming")
    assert capsys.readouterr().out.startswith("Kit ready: 03_streaming in LIVE mode (NOTEBOOK_MODE=live).")


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
def test_a_live_stream_reaches_the_sdk_as_the_service_sends_it(live, server, certificate, transport):
    first_event = len(server.stream_sent)
    arrivals = CLIENTS[transport](server, certificate[0])
    sent = server.stream_sent[first_event:]
    assert len(arrivals) == UPDATES[transport] and len(sent) == 7
    assert arrivals[-1] - arrivals[0] >= 0.5, f"{transport}: the updates came {arrivals[-1] - arrivals[0]:.2f} s apart"
    assert arrivals[0] < sent[-1] - 0.5, f"{transport}: the first update waited for the end of the stream"


def test_live_mode_leaves_every_transport_and_the_socket_as_they_were(live):
    assert vcr_patched() == []
    assert not network.is_blocked()
    assert current_session().mode == "live"


def test_replay_puts_vcrpy_on_every_transport_the_live_test_checks(kernel_env, capsys):
    """The check above can fail: in replay, vcrpy's replacement is in place on each of them."""
    os.environ["NOTEBOOK_MODE"] = "replay"
    kit.start("03_streaming")
    assert vcr_patched() == EVERY_PLACE
    kit.stop()
    assert vcr_patched() == []


def test_show_requests_in_live_mode_says_why_it_has_nothing_to_show(live, capsys):
    show_requests()
    assert capsys.readouterr().out == (
        "Live mode keeps no copy of requests or answers, so there is nothing to show. To see what a cell sends, run "
        "the notebook in replay (NOTEBOOK_MODE=replay), or turn on the SDK's logging (notebook 06).\n")
