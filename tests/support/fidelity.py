"""Whether a recorded answer is what the service sends: its body parses into the SDKs' own model classes (openai's
strictly with pydantic; azure-ai-inference's for every field its generated models mark required), its stream is framed
as both SDKs' parsers need, its error body has the service's error shape, and its cassette says where its bodies came
from (shared/WIRE.md has the facts these checks rest on).

    body_problems(interaction)      # [] when the interaction's answer is one the SDKs read as the service's
"""

import base64
import json
import struct
import typing
from urllib.parse import urlsplit

import pydantic
import yaml

from helpers.paths import RECORDINGS

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

def azure_first_chunk(data):
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
        if azure_first_chunk(data):  # the only field of that chunk the openai type does not describe
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
    agent = " ".join(headers_of(request).get("user-agent", []))
    if "ai-inference" in agent:
        return {"azure"}
    if "OpenAI" in agent:
        return {"openai"}
    if parts.hostname == "api.openai.com" or "/openai/v1/" in parts.path + "/":
        return {"openai"}
    if "/openai/deployments/" in parts.path:  # AzureOpenAI, or azure-ai-inference with api_version (guide 004)
        return {"azure", "openai"} if parts.path.endswith(("/chat/completions", "/embeddings", "/info")) else {"openai"}
    return {"azure"}  # serverless, Foundry /models, GitHub Models


def headers_of(message):
    return {name.lower(): values if isinstance(values, list) else [values]
            for name, values in (message.get("headers") or {}).items()}


def body_text(body):
    value = body.get("string") if isinstance(body, dict) else body
    return value.decode("utf-8") if isinstance(value, bytes) else (value or "")


def is_sse(interaction):
    content_type = " ".join(headers_of(interaction["response"]).get("content-type", []))
    return "event-stream" in content_type or body_text(interaction["response"]["body"]).startswith(("data:", "event:"))


def sse_events(text):
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
    status, text = int(response["status"]["code"]), body_text(response["body"])
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
    if is_sse(interaction):
        if parts.path.endswith("/chat/completions"):
            problems += sse_framing_problems(text)
        payloads = [json.loads(event) for event in sse_events(text)]
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
    content_type = " ".join(headers_of(interaction["response"]).get("content-type", []))
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


def interaction_problems(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = []
    for number, interaction in enumerate(data["interactions"], start=1):
        request = interaction["request"]
        route = f"{request['method']} {urlsplit(request['uri']).path}"
        label = f"{path.relative_to(RECORDINGS)} interaction {number} ({route})"
        problems += [f"{label}: {p}" for p in body_problems(interaction)]
    return data, problems


CASSETTES = cassettes()
