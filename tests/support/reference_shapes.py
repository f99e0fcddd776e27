"""The shape of the real answer for each route (tests/reference/: real answers of the services, each with its source),
and how a kit answer differs from it: the body's keys and value types, the content type, the error body's form, the
SSE framing and chunk kinds, and which headers are present or absent. UNREFERENCED lists the routes the kit records
with no real reference, and DELIBERATE the kit's differences, each with its reason.

    differences = cassette_problems(path)      # every difference of a cassette's answers from the real ones
"""

import json
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from helpers.paths import RECORDINGS
from tests.support.fidelity import (
    LOGIN_HOSTS,
    body_text,
    headers_of,
    is_sse,
    sse_events,
    sse_framing_problems,
)

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
REFERENCES = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(REFERENCE.glob("*.json"))}

# Routes the kit records for which no real answer was found, each with where its shape comes from instead.
UNREFERENCED = {
    ("azure-openai", "/chat/completions", 200, True): "Azure OpenAI streams: no full public recording was found. "
        "The role chunk's content_filter_results {} is as in sashabaranov/go-openai#444; the rest "
        "follows shared/WIRE.md",
    ("azure-openai", "/chat/completions", 400, False): "Azure OpenAI 400s other than the content filter's ('API "
        "version not supported', 'Unrecognized request arguments', OperationNotSupported): their messages are quoted "
        "from the public issues each cassette's note names, in the {error: {code, message}} form",
    ("azure-openai", "/chat/completions", 401, False): "Azure OpenAI 401s: message quoted from public issues "
        "(shared/WIRE.md; azure-sdk-for-python#40260), no full answer with headers was found; 00_setup's refused "
        "token and PermissionDenied quote the issues tests/support/fake_azure_openai.py names",
    ("azure-openai", "/chat/completions", 404, False): "DeploymentNotFound and 'Resource not found' (an api-version "
        "the resource does not serve), quoted from the public issues tests/support/fake_azure_openai.py names",
    ("azure-openai", "/completions", 200, False): "legacy completions: the 2024-06-01 inference.json createCompletion "
        "response, no recording was found",
    ("azure-openai", "/completions", 400, False): "OperationNotSupported, quoted in public issues",
    ("azure-openai", "/completions", 401, False): "Azure OpenAI's invalid-key answer, quoted in public issues",
    ("azure-openai", "/completions", 404, False): "DeploymentNotFound, quoted in public issues",
    ("azure-openai", "/embeddings", 200, False): "openai's CreateEmbeddingResponse, base64 as openai asks",
    ("azure-openai", "/embeddings", 200, False, "floats"): "the Foundry /models embeddings route, no recording found",
    ("azure-openai", "/images/generations", 200, False): "openai's ImagesResponse with Azure's annotations",
    ("azure-openai", "/responses", 200, False): "openai's Response type",
    ("openai", "/responses", 200, False): "openai's Response type (api.openai.com)",
    ("openai", "/responses", 401, False): "OpenAI's invalid_api_key answer, quoted in run-llama/llama_index#10501",
    ("serverless", "/chat/completions", 429, False): "serverless 429s: no real answer was found; the body follows "
        "the 2024-05-01-preview spec's ErrorResponse and the cassette's note calls it illustrative",
    ("github-models", "/chat/completions", 410, False): "stands in for a host that no longer answers: live, "
        "models.inference.ai.azure.com gives a connection error, which no HTTP recording can hold; 00_setup says so",
    ("github-models", "/chat/completions", 200, False): "GitHub Models stopped answering on 2025-10-17; the answer "
        "stands for what it sent while it served, in the serverless shape",
}

# Differences kept on purpose in every cassette, with the reason.
DELIBERATE = {
    "ids": "a real serverless id is 32 hex digits and an Azure OpenAI id 'chatcmpl-' and 29 letters and digits; both "
           "look like keys to tests/support/secret_scan.py, so the kit's ids are 'kit-' or 'chatcmpl-kit-' and 8 hex "
           "digits",
}

# Answers whose headers a notebook cell logs keep only Content-Type: vcrpy 9.4.2 replays response headers in an
# order that changes between processes, and a stored output can only show a stable one.
ONLY_CONTENT_TYPE = "headers reduced to Content-Type for a logged answer (06_errors_and_logging.py, logged())"


def kind(host):
    if host.endswith(".models.ai.azure.com"):
        return "serverless"
    if host.endswith((".openai.azure.com", ".services.ai.azure.com")):
        return "azure-openai"
    if host == "models.inference.ai.azure.com":
        return "github-models"
    return "openai"


def shape(value, path=""):
    """{path: type} of every value in a JSON document; a list is represented by its first item."""
    if isinstance(value, dict):
        found = {path or ".": "object"}
        for key, item in value.items():
            found.update(shape(item, f"{path}.{key}"))
        return found
    if isinstance(value, list):
        return {path: "array", **(shape(value[0], f"{path}[]") if value else {})}
    names = {bool: "boolean", int: "number", float: "number", str: "string", type(None): "null"}
    return {path: names[type(value)]}


def shape_differences(kit, real):
    kit_shape, real_shape = shape(kit), shape(real)
    differences = [f"missing {p} ({t})" for p, t in real_shape.items() if p not in kit_shape]
    differences += [f"extra {p} ({t})" for p, t in kit_shape.items() if p not in real_shape]
    differences += [f"{p} is {kit_shape[p]}, the service sends {t}" for p, t in real_shape.items()
                    if p in kit_shape and kit_shape[p] != t]
    return differences


def chunk_kind(event):
    choices = event.get("choices") or []
    if not choices:
        return "usage" if event.get("usage") else "prompt filter"
    if "role" in choices[0].get("delta", {}):
        return "role"
    return "finish" if choices[0].get("finish_reason") else "content"


def stream_differences(kit_text, real_text):
    differences = sse_framing_problems(kit_text)
    kit = {chunk_kind(e): e for e in map(json.loads, reversed(sse_events(kit_text)))}
    real = {chunk_kind(e): e for e in map(json.loads, reversed(sse_events(real_text)))}
    if sorted(kit) != sorted(real):
        differences.append(f"chunk kinds {sorted(kit)}, the service sends {sorted(real)}")
    for name in kit.keys() & real.keys():
        differences += [f"{name} chunk: {d}" for d in shape_differences(kit[name], real[name])]
    return differences


def route(interaction):
    request, response = interaction["request"], interaction["response"]
    parts = urlsplit(request["uri"])
    path = next((s for s in ("/chat/completions", "/images/generations", "/embeddings", "/completions",
                             "/responses", "/info") if parts.path.endswith(s)), parts.path)
    return kind(parts.hostname or ""), request["method"], path, int(response["status"]["code"]), is_sse(interaction)


def reference_for(interaction):
    host_kind, method, path, status, stream = route(interaction)
    host = urlsplit(interaction["request"]["uri"]).hostname or ""
    text = body_text(interaction["response"]["body"])
    most_specific_first = sorted(REFERENCES.items(), key=lambda item: -len(item[1]["match"].get("body_contains", "")))
    for name, ref in most_specific_first:
        match = ref["match"]
        if (host.endswith(tuple(match["hosts"])) and (method, path, status, stream) ==
                (match["method"], match["path"], match["status"], match["stream"])
                and match.get("body_contains", "") in text):
            return name, ref
    return None, None


def differences(interaction, ref):
    response = interaction["response"]
    wanted = ref["response"]
    headers = headers_of(response)
    content_type = " ".join(headers.get("content-type", [])).split(";")[0].strip()
    found = []
    if content_type != wanted["content_type"]:
        found.append(f"Content-Type {content_type}, the service sends {wanted['content_type']}")
    if set(headers) != {"content-type"}:
        found += [f"no {h} header" for h in wanted["headers_present"] if h not in headers]
    found += [f"a {h} header the service does not send" for h in wanted["headers_absent"] if h in headers]
    text, real = body_text(response["body"]), wanted["body"]
    if isinstance(real, str) and real.startswith("data: "):
        return found + stream_differences(text, real)
    if isinstance(real, str):
        return found + ([] if text and not text.lstrip().startswith(("{", "[")) else ["a JSON body, the service "
                                                                                      "sends text"])
    try:
        kit = json.loads(text)
    except ValueError:
        return [*found, "a text body, the service sends JSON"]
    if "usage_as_in" in ref:
        real = {**real, "usage": REFERENCES[ref["usage_as_in"]]["response"]["body"]["usage"]}
    return found + shape_differences(kit, real)


def unreferenced_key(interaction):
    key = route(interaction)
    key = (key[0], key[2], key[3], key[4])
    if key == ("azure-openai", "/embeddings", 200, False) and "base64" not in (interaction["request"]["body"] or ""):
        return (*key, "floats")
    return key


def cassette_problems(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if (data.get("metadata") or {}).get("provenance", {}).get("source") != "synthesized":
        return []
    problems = []
    for number, interaction in enumerate(data["interactions"], start=1):
        if urlsplit(interaction["request"]["uri"]).hostname in LOGIN_HOSTS:
            continue
        name, ref = reference_for(interaction)
        label = f"{path.relative_to(RECORDINGS)} interaction {number} {' '.join(map(str, route(interaction)[1:4]))}"
        if ref is None:
            if unreferenced_key(interaction) not in UNREFERENCED:
                problems.append(f"{label}: no real reference in tests/reference/ and no UNREFERENCED entry")
            continue
        problems += [f"{label} differs from tests/reference/{name}.json: {d}" for d in differences(interaction, ref)]
    return problems
