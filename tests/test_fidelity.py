"""Recorded bodies are what the service sends: every response body of every cassette parses into the SDKs' own
model classes, every chat SSE stream is framed as both SDKs' parsers need, every error body has the service's error
shape, and every cassette says where its bodies came from (shared/WIRE.md has the facts these checks rest on).

openai types are validated strictly with pydantic (model_validate: a missing required field fails). azure-ai-inference
types are checked for every field its generated models mark required (a rest_field whose annotation is not Optional,
"Required." in its docstring), recursively, and then read back through the SDK's own class.
"""

import base64
import json
import struct
import typing
from pathlib import Path
from urllib.parse import urlsplit

import pydantic
import pytest
import yaml

from helpers.paths import RECORDINGS
from tools import wire

LOGIN_HOSTS = ("login.microsoftonline.com", "login.microsoft.com")


def cassettes():
    found = [p for p in RECORDINGS.rglob("*.yaml")
             if not any(part.startswith(".") for part in p.relative_to(RECORDINGS).parts) and "sources" not in p.parts]
    return sorted(found)


# --- azure-ai-inference: required fields, from the generated models --------------------------------------------

def _azure_namespace():
    from azure.ai.inference import models
    from azure.ai.inference.models import _models as generated

    return {**vars(generated), "_models": models}


def _resolve(annotation):
    if isinstance(annotation, str):
        return eval(annotation, _azure_namespace())  # noqa: S307 - annotations of the installed SDK, not input
    if isinstance(annotation, typing.ForwardRef):
        return _resolve(annotation.__forward_arg__)
    return annotation


def _fields(cls):
    """(rest name, annotation) of every rest_field of an azure-ai-inference model, base classes first."""
    from azure.ai.inference._model_base import Model, _RestField

    found = {}
    for klass in reversed(cls.__mro__):
        if not (isinstance(klass, type) and issubclass(klass, Model)) or klass is Model:
            continue
        for attr, field in vars(klass).items():
            if isinstance(field, _RestField):
                found[attr] = (field._rest_name_input or attr, _resolve(klass.__annotations__.get(attr, typing.Any)))
    return found


def _optional(annotation):
    return typing.get_origin(annotation) is typing.Union and type(None) in typing.get_args(annotation)


def _nested(annotation):
    """(model class, is_list) when the annotation holds a model or a list of models, else None."""
    from azure.ai.inference._model_base import Model

    annotation = _resolve(annotation)
    if _optional(annotation):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _nested(inner[0]) if len(inner) == 1 else None
    if typing.get_origin(annotation) in (list, list):
        inner = _nested(typing.get_args(annotation)[0])
        return (inner[0], True) if inner and not inner[1] else None
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return annotation, False
    return None


def azure_problems(cls, data, where=""):
    """Each required field of cls (recursively) that data lacks, and anything the SDK's class cannot read."""
    if not isinstance(data, dict):
        return [f"{where or cls.__name__}: expected a JSON object for {cls.__name__}"]
    problems = []
    for name, annotation in _fields(cls).values():
        path = f"{where}{name}"
        if name not in data and not _optional(annotation):
            problems.append(f"{path} is required by azure-ai-inference {cls.__name__} and missing")
        if data.get(name) is None:  # present as null: allowed where the REST API says nullable (finish_reason)
            continue
        inner = _nested(annotation)
        if inner:
            model, is_list = inner
            values = data[name] if is_list else [data[name]]
            if is_list and not isinstance(data[name], list):
                problems.append(f"{path} must be a list for {cls.__name__}")
                continue
            for index, value in enumerate(values):
                problems += azure_problems(model, value, f"{path}[{index}]." if is_list else f"{path}.")
    if not where and not problems:
        instance = cls(data)
        for attr, (name, _) in _fields(cls).items():
            try:
                getattr(instance, attr)
            except Exception as error:  # the SDK's own deserialization of the field
                problems.append(f"{name}: azure-ai-inference {cls.__name__} cannot read it: {error!r}")
    return problems


# --- openai: strict pydantic validation ------------------------------------------------------------------------

def _azure_first_chunk(data):
    """Azure OpenAI's first stream chunk: empty choices, prompt_filter_results, and "object": "" (WIRE.md)."""
    return isinstance(data, dict) and data.get("choices") == [] and "prompt_filter_results" in data


def openai_problems(model, data):
    try:
        if isinstance(model, type) and issubclass(model, pydantic.BaseModel):
            model.model_validate(data)
        else:
            pydantic.TypeAdapter(model).validate_python(data)
    except pydantic.ValidationError as error:
        errors = error.errors()
        if _azure_first_chunk(data):  # the only field of that chunk the openai type does not describe
            errors = [e for e in errors if not (e["type"] == "literal_error" and e["loc"] == ("object",))]
        return [f"openai {getattr(model, '__name__', 'type')}: {'.'.join(map(str, e['loc']))}: {e['msg']}"
                for e in errors]
    return []


# --- which type a recorded body must be ------------------------------------------------------------------------

def _types():
    from azure.ai.inference import models as azure
    from openai.types import Completion, CreateEmbeddingResponse, ImagesResponse
    from openai.types.chat import ChatCompletion, ChatCompletionChunk
    from openai.types.responses import Response, ResponseStreamEvent

    # path suffix: (azure type, azure stream type, openai type, openai stream type); first match wins
    return [
        ("/chat/completions", (azure.ChatCompletions, azure.StreamingChatCompletionsUpdate,
                               ChatCompletion, ChatCompletionChunk)),
        ("/images/embeddings", (azure.EmbeddingsResult, None, None, None)),
        ("/images/generations", (None, None, ImagesResponse, None)),
        ("/embeddings", (azure.EmbeddingsResult, None, CreateEmbeddingResponse, None)),
        ("/completions", (None, None, Completion, None)),
        ("/responses", (None, None, Response, ResponseStreamEvent)),
        ("/info", (azure.ModelInfo, None, None, None)),
    ]


def sdks(request):
    """Which SDKs read this route: the User-Agent says when recorded; else the route's form does (WIRE.md)."""
    parts = urlsplit(request["uri"])
    agent = " ".join(_headers(request).get("user-agent", []))
    if "ai-inference" in agent:
        return {"azure"}
    if "OpenAI" in agent:
        return {"openai"}
    if parts.hostname == "api.openai.com" or "/openai/v1/" in parts.path + "/":
        return {"openai"}
    if "/openai/deployments/" in parts.path:  # AzureOpenAI, or azure-ai-inference with api_version (guide 004)
        return {"azure", "openai"} if parts.path.endswith(("/chat/completions", "/embeddings", "/info")) else {"openai"}
    return {"azure"}  # serverless, Foundry /models, GitHub Models


def _headers(message):
    return {name.lower(): values if isinstance(values, list) else [values]
            for name, values in (message.get("headers") or {}).items()}


def _text(body):
    value = body.get("string") if isinstance(body, dict) else body
    return value.decode("utf-8") if isinstance(value, bytes) else (value or "")


def _is_sse(interaction):
    content_type = " ".join(_headers(interaction["response"]).get("content-type", []))
    return "event-stream" in content_type or _text(interaction["response"]["body"]).startswith(("data:", "event:"))


def _sse_events(text):
    """The JSON payload of each SSE event (data lines joined), without the final [DONE]."""
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        data = [line[5:].lstrip() for line in block.split("\n") if line.startswith("data:")]
        if data and data != ["[DONE]"]:
            events.append("\n".join(data))
    return events


def sse_framing_problems(text):
    """A chat stream as both SDKs' parsers need it: each event one `data: ` line, a blank line after it,
    nothing else (azure-ai-inference raises on any other line), ending with data: [DONE]."""
    problems = []
    if "\r" in text:
        problems.append("the stream holds carriage returns; events are separated by \\n\\n")
    if not text.rstrip("\n").endswith("data: [DONE]"):
        problems.append("the stream does not end with data: [DONE]")
    if not text.endswith("\n\n"):
        problems.append("the last event is not followed by a blank line")
    for number, block in enumerate(text.strip("\n").split("\n\n"), start=1):
        lines = block.split("\n")
        if len(lines) != 1 or not lines[0].startswith("data: "):
            problems.append(f"event {number} is not one line starting with 'data: ' followed by a blank line: "
                            f"{block[:60]!r}")
    return problems


def _decoded_embeddings(data, request):
    """openai sends encoding_format base64 unless told otherwise (WIRE.md): base64 in means base64 out."""
    asked = json.loads(request.get("body") or "{}").get("encoding_format")
    problems = []
    for item in data.get("data", []) if isinstance(data, dict) else []:
        vector = item.get("embedding")
        if asked == "base64":
            if not isinstance(vector, str):
                problems.append("the request asked for base64 embeddings; the response holds a list of floats")
                continue
            raw = base64.b64decode(vector)
            item["embedding"] = list(struct.unpack(f"<{len(raw) // 4}f", raw))
        elif isinstance(vector, str):
            problems.append("the response holds base64 embeddings the request did not ask for")
    return problems


def body_problems(interaction):
    """Every way this interaction's response body differs from what its SDKs parse."""
    request, response = interaction["request"], interaction["response"]
    parts = urlsplit(request["uri"])
    status, text = int(response["status"]["code"]), _text(response["body"])
    if parts.hostname in LOGIN_HOSTS:
        return _login_problems(status, text)
    if status >= 400:
        return error_problems(status, text, interaction)
    route = next((types for suffix, types in _types() if parts.path.endswith(suffix)), None)
    if route is None:
        return [f"no SDK type is known for {request['method']} {parts.path}: add the route to _types()"]
    azure_type, azure_stream, openai_type, openai_stream = route
    wanted = sdks(request)
    problems = []
    if _is_sse(interaction):
        if parts.path.endswith("/chat/completions"):
            problems += sse_framing_problems(text)
        payloads = [json.loads(event) for event in _sse_events(text)]
        for number, data in enumerate(payloads, start=1):
            if "openai" in wanted and openai_stream:
                problems += [f"event {number}: {p}" for p in openai_problems(openai_stream, data)]
            # azure-ai-inference drops updates with empty choices and no usage before its types see them
            if "azure" in wanted and azure_stream and (data.get("choices") or data.get("usage")):
                problems += [f"event {number}: {p}" for p in azure_problems(azure_stream, data)]
        return problems
    data = json.loads(text)
    if "openai" in wanted and openai_type:
        if parts.path.endswith("/embeddings"):
            problems += _decoded_embeddings(data, request)
        problems += openai_problems(openai_type, data)
    if "azure" in wanted and azure_type:
        problems += azure_problems(azure_type, data)
    available = ({"openai"} if openai_type else set()) | ({"azure"} if azure_type else set())
    if not available & wanted:
        problems.append(f"{parts.path} is not a route of {' or '.join(sorted(wanted))}")
    return problems


# Error answers that are not OData {"error": {...}}, each as the service really sends it, and why it is allowed.
OTHER_ERROR_SHAPES = [
    (401, ".models.ai.azure.com", ("statusCode", "message"), "a serverless model server's answer to a wrong key "
     "(tests/reference/serverless-chat-401.json)"),
    (401, ".openai.azure.com", ("statusCode", "message"),
     "Azure OpenAI's gateway answers a missing, invalid or wrong-audience Entra token this way (seen in "
     "Azure-Samples/azure-search-openai-demo#458 and langchain-ai/langchain#17373)"),
    (404, ".models.ai.azure.com", "text", "a serverless chat model's answer to POST /embeddings, 'NOT FOUND' "
     "(tests/reference/serverless-embeddings-404.json)"),
    (400, ".models.ai.azure.com", ("detail",), "Microsoft's model server refusing extra parameters "
     "(tests/reference/serverless-extra-parameters-400.json)"),
]


def error_problems(status, text, interaction):
    """Error bodies are {"error": {"code", "message"}} (code may be null, as OpenAI sends), or one of the
    OTHER_ERROR_SHAPES for its status and host."""
    host = urlsplit(interaction["request"]["uri"]).hostname or ""
    content_type = " ".join(_headers(interaction["response"]).get("content-type", []))
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    for code, suffix, shape, _ in OTHER_ERROR_SHAPES:
        if status == code and host.endswith(suffix):
            if shape == "text" and data is None and text and content_type.startswith("text/plain"):
                return []
            if shape != "text" and isinstance(data, dict) and all(isinstance(data.get(k), (str, int)) for k in shape):
                return []
    if data is None:
        return [f"the {status} body is not JSON ({text[:40]!r}), and no OTHER_ERROR_SHAPES entry allows text here"]
    error = data.get("error") if isinstance(data, dict) else None
    if not (isinstance(error, dict) and isinstance(error.get("message"), str)
            and "code" in error and isinstance(error["code"], (str, type(None)))):
        return [f'the {status} body is not {{"error": {{"code": ..., "message": "..."}}}}: {text[:80]!r}']
    return []


def _login_problems(status, text):
    data = json.loads(text)
    wanted = ("error", "error_description") if status >= 400 else None
    if wanted and not all(k in data for k in wanted):
        return ["an Entra ID error body lacks error and error_description"]
    if not wanted and not ("access_token" in data or "token_endpoint" in data):
        return ["an Entra ID answer is neither a token nor an openid-configuration"]
    return []


def provenance_problems(data):
    record = (data.get("metadata") or {}).get("provenance") or {}
    if record.get("source") == "synthesized":
        return [] if record.get("references") else ["synthesized, but cites no references"]
    if record.get("source") == "recorded":
        versions = record.get("sdk_versions") or {}
        missing = [name for name in ("azure-ai-inference", "azure-core", "openai") if not versions.get(name)]
        problems = [] if record.get("recorded_on") else ["recorded, but carries no date"]
        return problems + ([f"recorded, but no version of {', '.join(missing)}"] if missing else [])
    return [f"metadata.provenance.source is {record.get('source')!r}, not 'synthesized' or 'recorded'"]


def _interaction_problems(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = []
    for number, interaction in enumerate(data["interactions"], start=1):
        request = interaction["request"]
        route = f"{request['method']} {urlsplit(request['uri']).path}"
        label = f"{path.relative_to(RECORDINGS)} interaction {number} ({route})"
        problems += [f"{label}: {p}" for p in body_problems(interaction)]
    return data, problems


CASSETTES = cassettes()


@pytest.mark.parametrize("path", CASSETTES, ids=lambda p: str(p.relative_to(RECORDINGS)))
def test_every_recorded_body_parses_into_the_sdk_types_and_every_stream_and_error_is_well_formed(path):
    _, problems = _interaction_problems(path)
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

    assert _azure_first_chunk(first) and openai_problems(ChatCompletionChunk, first) == []
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
        data = json.loads(_text(interaction["response"]["body"]))
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
            content = json.loads(_text(interaction["response"]["body"]))["choices"][0]["message"]["content"]
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
        data = json.loads(_text(interaction["response"]["body"]))
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
