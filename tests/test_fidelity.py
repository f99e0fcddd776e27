"""Recorded bodies are what the service sends: every response body of every cassette parses into the SDKs' own
model classes, every chat SSE stream is framed as both SDKs' parsers need, every error body has the service's error
shape, and every cassette says where its bodies came from (shared/WIRE.md has the facts these checks rest on).

openai types are validated strictly with pydantic (model_validate: a missing required field fails). azure-ai-inference
types are checked for every field its generated models mark required (a rest_field whose annotation is not Optional,
"Required." in its docstring), recursively, and then read back through the SDK's own class.
"""

import json
from pathlib import Path

import pytest
import yaml

from helpers.paths import RECORDINGS
from tests.support.fidelity import (
    CASSETTES,
    azure_first_chunk,
    body_problems,
    body_text,
    interaction_problems,
    openai_problems,
    provenance_problems,
    sdks,
    sse_framing_problems,
)
from tools import wire


@pytest.mark.parametrize("path", CASSETTES, ids=lambda p: str(p.relative_to(RECORDINGS)))
def test_every_recorded_body_parses_into_the_sdk_types_and_every_stream_and_error_is_well_formed(path):
    _, problems = interaction_problems(path)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", CASSETTES, ids=lambda p: str(p.relative_to(RECORDINGS)))
def test_every_cassette_says_whether_it_was_synthesized_or_recorded(path):
    problems = provenance_problems(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert not problems, f"{path.relative_to(RECORDINGS)}: {problems}"


# --- the checks above can fail: each catches a broken body built with the kit's own builders -------------------

SERVERLESS = "https://example-model.eastus2.models.ai.azure.com/chat/completions?api-version=2024-05-01-preview"
AOAI_V1 = "https://example-resource.openai.azure.com/openai/v1/"


def _body(interaction, change):
    data = json.loads(interaction["response"]["body"]["string"])
    change(data)
    interaction["response"]["body"]["string"] = json.dumps(data)
    return interaction


def test_a_chat_completion_without_usage_fails_the_azure_type():
    good = wire.interaction("POST", SERVERLESS, {"messages": []}, wire.chat_completion("hi", "m"))
    assert body_problems(good) == []
    bad = _body(good, lambda d: d.pop("usage"))
    assert body_problems(bad) == ["usage is required by azure-ai-inference ChatCompletions and missing"]


def test_a_choice_without_a_message_fails_the_azure_type_deep_inside():
    bad = _body(wire.interaction("POST", SERVERLESS, {"messages": []}, wire.chat_completion("hi", "m")),
                lambda d: d["choices"][0].pop("message"))
    assert body_problems(bad) == ["choices[0].message is required by azure-ai-inference ChatChoice and missing"]


def test_an_openai_chat_completion_without_created_fails_strict_validation():
    bad = _body(wire.interaction("POST", AOAI_V1 + "chat/completions", {"messages": []},
                                 wire.chat_completion("hi", "m", azure_openai=True), auth="bearer"),
                lambda d: d.pop("created"))
    assert body_problems(bad) == ["openai ChatCompletion: created: Field required"]


def test_a_stream_without_done_or_with_an_event_line_is_refused():
    stream = wire.chat_stream(["Hel", "lo"], "m", azure_openai=True)
    good = wire.interaction("POST", AOAI_V1 + "chat/completions", {"messages": [], "stream": True}, stream,
                            auth="bearer", stream=True)
    assert body_problems(good) == []
    assert sse_framing_problems(stream.replace("data: [DONE]\n\n", "")) == ["the stream does not end with data: [DONE]"]
    assert sse_framing_problems("event: message\n" + stream)[0].startswith("event 1 is not one line")
    assert sse_framing_problems(stream.replace("\n\n", "\n", 1))[0].startswith("event 1 is not one line")


def test_azure_openai_first_chunk_is_accepted_but_a_chunk_without_id_is_not():
    first = json.loads(wire.chat_stream([], "m", azure_openai=True).split("\n\n")[0][6:])
    from openai.types.chat import ChatCompletionChunk

    assert azure_first_chunk(first) and openai_problems(ChatCompletionChunk, first) == []
    later = json.loads(wire.chat_stream(["x"], "m").split("\n\n")[1][6:])
    later.pop("id")
    assert openai_problems(ChatCompletionChunk, later) == ["openai ChatCompletionChunk: id: Field required"]


def test_base64_embeddings_must_answer_a_base64_request():
    request = {"input": ["a"], "model": "m", "encoding_format": "base64"}
    encoded = wire.embeddings([[0.5, -0.25]], "m", as_base64=True)
    good = wire.interaction("POST", AOAI_V1 + "embeddings", request, encoded, auth="bearer")
    assert body_problems(good) == []
    bad = wire.interaction("POST", AOAI_V1 + "embeddings", request, wire.embeddings([[0.5, -0.25]], "m"), auth="bearer")
    assert body_problems(bad)[0] == "the request asked for base64 embeddings; the response holds a list of floats"


def test_error_bodies_need_code_and_message_and_only_the_real_serverless_forms_may_differ():
    shaped = wire.interaction("POST", SERVERLESS, {"messages": []}, wire.error("429", "Slow down"), status=429)
    assert body_problems(shaped) == []
    no_code = wire.interaction("POST", SERVERLESS, {"messages": []}, {"error": {"message": "x"}}, status=400)
    assert body_problems(no_code)[0].startswith('the 400 body is not {"error"')
    text = wire.interaction("POST", SERVERLESS.replace("chat/completions", "embeddings"), {"input": []},
                            wire.NOT_FOUND_TEXT, status=404, response_headers=wire.NOT_FOUND_HEADERS)
    assert body_problems(text) == []
    text["response"]["status"]["code"] = 403
    assert body_problems(text)[0].startswith("the 403 body is not JSON")
    detail = wire.interaction("POST", SERVERLESS, {"messages": []}, wire.extra_parameters_rejected(["k"]), status=400)
    assert body_problems(detail) == []
    detail["response"]["status"]["code"] = 404
    assert body_problems(detail)[0].startswith('the 404 body is not {"error"')


def test_a_cassette_without_provenance_or_references_is_refused():
    assert provenance_problems({"interactions": []}) == [
        "metadata.provenance.source is None, not 'synthesized' or 'recorded'"]
    assert provenance_problems({"metadata": {"provenance": {"source": "synthesized"}}}) == [
        "synthesized, but cites no references"]
    assert provenance_problems({"metadata": {"provenance": {"source": "recorded", "sdk_versions": {}}}}) == [
        "recorded, but carries no date", "recorded, but no version of azure-ai-inference, azure-core, openai"]


def test_an_unknown_route_is_named_rather_than_passed():
    odd = wire.interaction("POST", AOAI_V1 + "audio/speech", {"input": "x"}, {"ok": True}, auth="bearer")
    assert body_problems(odd) == ["no SDK type is known for POST /openai/v1/audio/speech: add the route to _types()"]


def test_the_cassettes_glob_finds_nested_recordings_and_skips_dot_files():
    assert Path(RECORDINGS / "00_setup.yaml") in CASSETTES
    assert all(not p.name.startswith(".") for p in CASSETTES)


# --- lesson 10: the features beyond plain chat, read by each SDK as the lesson reads them ----------------------

def _lesson_10_answers():
    for name in ("10_beyond_chat.yaml", "solutions/10_beyond_chat.yaml"):
        for interaction in yaml.safe_load((RECORDINGS / name).read_text(encoding="utf-8"))["interactions"]:
            yield json.loads(interaction["request"]["body"]), interaction


def test_lesson_10_tool_calls_reach_each_sdks_tool_call_class_and_come_back_in_the_next_request():
    from azure.ai.inference.models import ChatCompletions, ChatCompletionsToolCall
    from openai.types.chat import ChatCompletion, ChatCompletionMessageFunctionToolCall

    calls = {}
    for sent, interaction in _lesson_10_answers():
        data = json.loads(body_text(interaction["response"]["body"]))
        if not sent.get("tools") or interaction["response"]["status"]["code"] != 200:
            continue
        if data["choices"][0]["finish_reason"] == "tool_calls":
            if "openai" in sdks(interaction["request"]):
                call = ChatCompletion.model_validate(data).choices[0].message.tool_calls[0]
                assert isinstance(call, ChatCompletionMessageFunctionToolCall)
            else:
                call = ChatCompletions(data).choices[0].message.tool_calls[0]
                assert isinstance(call, ChatCompletionsToolCall)
            assert call.function.name == sent["tools"][0]["function"]["name"]
            schema = sent["tools"][0]["function"]["parameters"]
            assert json.loads(call.function.arguments).keys() <= schema["properties"].keys()
            calls[call.id] = call.function.arguments
        else:
            tool = next(m for m in sent["messages"] if m["role"] == "tool")
            asked = next(m for m in sent["messages"] if m.get("tool_calls"))["tool_calls"][0]
            assert calls.pop(tool["tool_call_id"]) == asked["function"]["arguments"]
    assert len(calls) == 1, "every round trip's tool call is answered, and exercise 1's is the only one left open"


def test_lesson_10_structured_answers_hold_json_of_the_schema_that_was_sent():
    import jsonschema

    schemas = []
    for sent, interaction in _lesson_10_answers():
        if (sent.get("response_format") or {}).get("type") == "json_schema":
            content = json.loads(body_text(interaction["response"]["body"]))["choices"][0]["message"]["content"]
            schemas.append(sent["response_format"]["json_schema"]["schema"])
            jsonschema.validate(json.loads(content), schemas[-1])
    assert len(schemas) == 4
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "Paris"}, schemas[0])


def test_lesson_10_reasoning_answers_count_reasoning_tokens_and_max_tokens_is_refused_as_azure_openai_refuses_it():
    import httpx
    from openai import BadRequestError
    from openai.types.chat import ChatCompletion

    refused = 0
    for sent, interaction in _lesson_10_answers():
        if sent["model"] != "o4-mini":
            continue
        data = json.loads(body_text(interaction["response"]["body"]))
        if "max_tokens" in sent:
            response = httpx.Response(400, json=data, request=httpx.Request("POST", interaction["request"]["uri"]))
            error = BadRequestError(data["error"]["message"], response=response, body=data["error"])
            assert (error.code, error.param, error.type) == ("unsupported_parameter", "max_tokens",
                                                             "invalid_request_error")
            refused += 1
        else:
            usage = ChatCompletion.model_validate(data).usage
            assert 0 < usage.completion_tokens_details.reasoning_tokens < usage.completion_tokens
    assert refused == 1
