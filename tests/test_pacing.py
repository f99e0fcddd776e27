"""Paced replay (NOTEBOOK_REPLAY_PACE): a replayed event stream reaches each SDK one event at a time, through each
transport vcrpy patches (requests for azure-ai-inference, aiohttp for its .aio client, httpx2 for openai), with the
network blocked. Unset, a stream arrives at once, and vcrpy's stubs are left as they are."""

import asyncio
import itertools
import os
import time

import pytest
import yaml
from vcr import stubs
from vcr.stubs import aiohttp_stubs, httpx_stubs

from helpers import kit, plan
from helpers.apply import current_session
from helpers.cassettes import cassette_path
from helpers.errors import SettingError
from helpers.scrubbing import Scrubber
from helpers.session import Replay
from helpers.settings import VARIABLES
from tools import wire

REPLAY_KEY = VARIABLES["AZURE_AI_CHAT_KEY"].placeholder  # a key as the kit cell sets it in replay

INFERENCE = VARIABLES["AZURE_AI_CHAT_ENDPOINT"].placeholder
V1 = VARIABLES["AZURE_OPENAI_BASE_URL"].placeholder
PIECES = [f" word{n}" for n in range(5)]  # with the role, stop and [DONE] events: 8 events (9 for openai)
PACE = 0.05
MESSAGES = [{"role": "user", "content": "Count to eight."}]
ORIGINALS = (stubs.VCRHTTPResponse, aiohttp_stubs.build_response, httpx_stubs._deserialize_response)


STREAMS = {"inference": wire.chat_stream(PIECES, "mistral-large-2411"),
           "openai": wire.chat_stream(PIECES, "gpt-4o-mini-2024-07-18", azure_openai=True)}


def open_session(tmp_path, pace):
    inference = f"{INFERENCE}/chat/completions?api-version={wire.AZURE_AI_API_VERSION}"
    stream, openai_stream = STREAMS["inference"], STREAMS["openai"]
    interactions = [wire.interaction("POST", inference, {"messages": MESSAGES, "stream": True}, stream, stream=True),
                    wire.interaction("POST", f"{V1}chat/completions",
                                     {"model": "gpt-4o-mini", "messages": MESSAGES, "stream": True},
                                     openai_stream, auth="bearer", stream=True)]
    data = wire.cassette(interactions, ["model-inference", "openai-types"], "Built by tests/test_pacing.py.")
    (tmp_path / "paced.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return Replay("paced", cassette_path("paced", tmp_path), Scrubber([REPLAY_KEY]), strict=True, pace=pace).open()


def inference_sync():
    from azure.ai.inference import ChatCompletionsClient
    from azure.core.credentials import AzureKeyCredential

    client = ChatCompletionsClient(endpoint=INFERENCE, credential=AzureKeyCredential(REPLAY_KEY))
    updates = client.complete(messages=MESSAGES, stream=True)
    started = time.perf_counter()
    arrivals = [time.perf_counter() for update in updates if update.choices and update.choices[0].delta.content]
    return started, arrivals, time.perf_counter()


def inference_async():
    from azure.ai.inference.aio import ChatCompletionsClient
    from azure.core.credentials import AzureKeyCredential

    async def run():
        async with ChatCompletionsClient(endpoint=INFERENCE, credential=AzureKeyCredential(REPLAY_KEY)) as client:
            updates = await client.complete(messages=MESSAGES, stream=True)
            started = time.perf_counter()
            arrivals = [time.perf_counter() async for update in updates
                        if update.choices and update.choices[0].delta.content]
            return started, arrivals, time.perf_counter()

    return asyncio.run(run())


def openai_sync():
    from openai import OpenAI

    chunks = OpenAI(api_key=REPLAY_KEY, base_url=V1).chat.completions.create(
        model="gpt-4o-mini", messages=MESSAGES, stream=True)
    started = time.perf_counter()
    arrivals = [time.perf_counter() for chunk in chunks if chunk.choices and chunk.choices[0].delta.content]
    return started, arrivals, time.perf_counter()


def openai_async():
    from openai import AsyncOpenAI

    async def run():
        chunks = await AsyncOpenAI(api_key=REPLAY_KEY, base_url=V1).chat.completions.create(
            model="gpt-4o-mini", messages=MESSAGES, stream=True)
        started = time.perf_counter()
        arrivals = [time.perf_counter() async for chunk in chunks if chunk.choices and chunk.choices[0].delta.content]
        return started, arrivals, time.perf_counter()

    return asyncio.run(run())


CLIENTS = {"requests": inference_sync, "aiohttp": inference_async, "httpx2": openai_sync,
           "httpx2-async": openai_async}
USES_INFERENCE = {"requests", "aiohttp"}


def events(transport):
    return STREAMS["inference" if transport in USES_INFERENCE else "openai"].count("\n\n")


@pytest.mark.parametrize("transport", CLIENTS)
def test_a_paced_stream_reaches_the_sdk_one_event_at_a_time(tmp_path, blocked, transport):
    session = open_session(tmp_path, PACE)
    try:
        started, arrivals, finished = CLIENTS[transport]()
    finally:
        session.close()
    assert len(arrivals) == len(PIECES)
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert min(gaps) >= 0.04, f"{transport}: updates arrived {[round(g, 3) for g in gaps]} s apart"
    assert finished - started >= (events(transport) - 1) * 0.04, f"{transport}: {finished - started:.3f} s"
    assert session.cassette.play_counts[0 if transport in USES_INFERENCE else 1] == 1
    assert (stubs.VCRHTTPResponse, aiohttp_stubs.build_response, httpx_stubs._deserialize_response) == ORIGINALS


@pytest.mark.parametrize("transport", CLIENTS)
def test_without_a_pace_the_stream_arrives_at_once_through_vcrpys_own_stubs(tmp_path, blocked, transport):
    session = open_session(tmp_path, 0)
    try:
        assert (stubs.VCRHTTPResponse, aiohttp_stubs.build_response, httpx_stubs._deserialize_response) == ORIGINALS
        started, arrivals, finished = CLIENTS[transport]()
    finally:
        session.close()
    assert len(arrivals) == len(PIECES)
    assert finished - started < 0.05, f"{transport}: {finished - started:.3f} s"


def test_start_passes_the_pace_to_the_session_and_the_banner_says_so(kernel_env, capsys):
    os.environ.update(NOTEBOOK_MODE="replay", NOTEBOOK_REPLAY_PACE="0.05")
    kit.start("03_streaming")
    assert current_session().pace == 0.05
    assert "Streams are paced: one event every 0.05 s (NOTEBOOK_REPLAY_PACE)." in capsys.readouterr().out


@pytest.mark.parametrize("value", ["", "0"])
def test_empty_or_zero_means_no_pace_and_no_banner_line(kernel_env, capsys, value):
    os.environ.update(NOTEBOOK_MODE="replay", NOTEBOOK_REPLAY_PACE=value)
    kit.start("03_streaming")
    assert current_session().pace == 0
    kit.preview("03_streaming", NOTEBOOK_MODE="replay", NOTEBOOK_REPLAY_PACE=value)
    assert "paced" not in capsys.readouterr().out


def test_unset_paces_the_streaming_lesson_for_a_learner_and_no_other(kernel_env, capsys):
    """The lesson's own pace is the lesson's to say, so its banner is the same as under test (the stored page's)."""
    os.environ.update(NOTEBOOK_MODE="replay")
    kit.start("03_streaming")
    assert current_session().pace == 0.03
    assert "paced" not in capsys.readouterr().out
    kit.start("solutions/03_streaming")
    assert current_session().pace == 0.03
    kit.start("02_chat")
    assert current_session().pace == 0
    assert "paced" not in capsys.readouterr().out.split("Kit ready: 02_chat")[-1]


def test_the_test_configuration_keeps_streams_instant():
    """The root conftest.py forces an empty NOTEBOOK_REPLAY_PACE on every test and every kernel nbval starts."""
    assert os.environ["NOTEBOOK_REPLAY_PACE"] == ""
    assert plan.make("03_streaming", dict(os.environ), use_env_file=False).pace == 0


@pytest.mark.parametrize("value", ["30ms", "fast", "-0.1", "nan", "30"])
def test_a_malformed_pace_names_the_variable_and_the_fix(kernel_env, value):
    os.environ.update(NOTEBOOK_MODE="replay", NOTEBOOK_REPLAY_PACE=value)
    with pytest.raises(SettingError) as error:
        kit.start("03_streaming")
    assert str(error.value) == (
        f"NOTEBOOK_REPLAY_PACE={value!r} cannot be used: it is a pause in seconds from 0 to 5. "
        "Set NOTEBOOK_REPLAY_PACE=0.03 in .env or your shell, or 0 to replay streams at once.")
