"""Load and faults on the async path: azure.ai.inference.aio (azure-core's aiohttp transport, vcrpy's aiohttp
patch) answered from cassettes built with tools.wire, with the network blocked. 200 concurrent calls each get
their own answer; a recorded 429 (Retry-After: 0), then 503, then 200 is retried by azure-core's policy to success,
without real sleeping; and a 429 without Retry-After is raised at once (WIRE.md, azure-core's RetryPolicy).
Replay is an environment: a cell run again (session.begin_cell with the same source) gets the same answers, the
concurrent ones each its own again, and the retry sequence again in its order."""

import asyncio
import random
import time

import pytest
import yaml

from helpers.cassettes import cassette_path
from helpers.scrubbing import Scrubber
from helpers.session import Replay
from helpers.settings import VARIABLES
from tools import wire

REPLAY_KEY = VARIABLES["AZURE_AI_CHAT_KEY"].placeholder  # a key as the kit cell sets it in replay

ENDPOINT = VARIABLES["AZURE_AI_CHAT_ENDPOINT"].placeholder
URL = f"{ENDPOINT}/chat/completions?api-version={wire.AZURE_AI_API_VERSION}"
CALLS, BATCH = 200, 10


def prompt(number):
    return f"Question {number:03d}: what is {number} squared?"


def answer(number):
    return f"Answer {number:03d}: {number} squared is {number * number}."


def ask(text):
    return {"messages": [{"role": "user", "content": text}]}


def replay_session(tmp_path, name, interactions):
    data = wire.cassette(interactions, ["model-inference", "sdk-sources"], "Built by tests/test_async_load.py.")
    (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return Replay(name, cassette_path(name, tmp_path), Scrubber([REPLAY_KEY]), strict=True).open()


async def _ask_all(order, **options):
    from azure.ai.inference.aio import ChatCompletionsClient
    from azure.ai.inference.models import UserMessage
    from azure.core.credentials import AzureKeyCredential

    results = {}
    async with ChatCompletionsClient(endpoint=ENDPOINT, credential=AzureKeyCredential(REPLAY_KEY), **options) as client:
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            responses = await asyncio.gather(*(client.complete(messages=[UserMessage(content=prompt(n))])
                                               for n in batch))
            results.update(zip(batch, responses, strict=True))
    return results


def test_200_concurrent_async_calls_each_get_the_answer_to_their_own_prompt(tmp_path, blocked):
    bodies = [wire.chat_completion(answer(n), "mistral-large-2411", id=n) for n in range(CALLS)]
    interactions = [wire.interaction("POST", URL, ask(prompt(n)), bodies[n]) for n in range(CALLS)]
    session = replay_session(tmp_path, "load", interactions)
    order = list(range(CALLS))
    random.Random(2026).shuffle(order)  # the calls leave in an order unlike the cassette's
    try:
        results = asyncio.run(_ask_all(order))
    finally:
        session.close()
    assert sorted(results) == list(range(CALLS)), "some calls got no answer"
    wrong = [n for n, response in results.items()
             if (response.choices[0].message.content, response.id) != (answer(n), bodies[n]["id"])]
    assert not wrong, f"answers mixed up for prompts {wrong[:10]}"
    assert sorted(session.cassette.play_counts.items()) == [(n, 1) for n in range(CALLS)]
    print(f"\nasync load: {len(results)} concurrent calls in {CALLS // BATCH} batches of {BATCH}, each answered once "
          "with its own answer")


def test_429_then_503_then_200_is_retried_by_azure_core_to_success_without_real_sleeping(tmp_path, blocked):
    hello = ask(prompt(1))
    session = replay_session(tmp_path, "retry", [
        wire.interaction("POST", URL, hello, wire.error("429", "Rate limit is exceeded. Try again in 0 seconds."),
                         status=429, response_headers={"Retry-After": "0", "x-ratelimit-remaining-requests": "0"}),
        wire.interaction("POST", URL, hello, wire.error("503", "The service is temporarily unavailable."), status=503),
        wire.interaction("POST", URL, hello, wire.chat_completion(answer(1), "mistral-large-2411")),
    ])
    started = time.perf_counter()
    try:
        # retry_backoff_factor=0: azure-core would otherwise back off 1.6 s before its second retry (the 503 has no
        # Retry-After). The guide-visible way to keep a replayed retry fast; time.sleep is never patched.
        results = asyncio.run(_ask_all([1], retry_backoff_factor=0))
    finally:
        session.close()
    elapsed = time.perf_counter() - started
    assert results[1].choices[0].message.content == answer(1)
    assert dict(session.cassette.play_counts) == {0: 1, 1: 1, 2: 1}, "three attempts: 429, 503, then 200"
    assert elapsed < 1.5, f"the retries took {elapsed:.2f} s: something slept for real"


def test_429_without_retry_after_is_raised_at_once_and_the_next_answer_is_never_played(tmp_path, blocked):
    from azure.core.exceptions import HttpResponseError

    hello = ask(prompt(2))
    session = replay_session(tmp_path, "no_retry", [
        wire.interaction("POST", URL, hello, wire.error("429", "Rate limit is exceeded."), status=429),
        wire.interaction("POST", URL, hello, wire.chat_completion(answer(2), "mistral-large-2411")),
    ])
    try:
        with pytest.raises(HttpResponseError) as raised:
            asyncio.run(_ask_all([2]))
    finally:
        session.close()
    assert raised.value.status_code == 429
    assert "Rate limit is exceeded." in str(raised.value)
    assert dict(session.cassette.play_counts) == {0: 1}


def test_concurrent_calls_each_get_their_own_answer_again_when_the_cell_runs_again(tmp_path, blocked):
    calls = 20
    session = replay_session(tmp_path, "again", [
        wire.interaction("POST", URL, ask(prompt(n)), wire.chat_completion(answer(n), "Mistral-large-2411"))
        for n in range(calls)])
    runs = []
    try:
        for seed in (1, 2):  # the same cell twice; its calls leave in another order each time
            order = list(range(calls))
            random.Random(seed).shuffle(order)
            session.begin_cell("answers = await asyncio.gather(*(ask(q) for q in questions))")
            results = asyncio.run(_ask_all(order))
            runs.append({n: response.choices[0].message.content for n, response in results.items()})
    finally:
        session.close()
    assert runs[0] == runs[1] == {n: answer(n) for n in range(calls)}
    assert sorted(session.cassette.play_counts.items()) == [(n, 2) for n in range(calls)]


def test_a_retry_sequence_plays_429_503_200_in_order_and_again_when_the_cell_runs_again(tmp_path, blocked):
    hello = ask(prompt(3))
    session = replay_session(tmp_path, "retry_again", [
        wire.interaction("POST", URL, hello, wire.error("429", "Rate limit is exceeded. Try again in 0 seconds."),
                         status=429, response_headers={"Retry-After": "0"}),
        wire.interaction("POST", URL, hello, wire.error("503", "The service is temporarily unavailable."), status=503),
        wire.interaction("POST", URL, hello, wire.chat_completion(answer(3), "Mistral-large-2411")),
    ])
    runs = []
    try:
        for _ in range(2):
            session.begin_cell("response = await client.complete(messages=[UserMessage(content=question)])")
            results = asyncio.run(_ask_all([3], retry_backoff_factor=0))
            runs.append(([served.response["status"]["code"] for served in session.served],
                         results[3].choices[0].message.content))
    finally:
        session.close()
    assert runs == [([429, 503, 200], answer(3))] * 2
