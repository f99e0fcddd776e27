"""Build synthesized cassettes from the documented wire format (shared/WIRE.md).

Each notebook's recording is described in notebooks/recordings/sources/NN_topic.py as a list of
interactions made with these builders; ``python -m tools.wire`` writes the YAML cassettes.
A cassette whose provenance says "recorded" (a real recording) is never overwritten.
"""

import base64
import importlib.util
import json
import struct
import sys

import yaml

from helpers.recording import MASK, RECORDINGS, load

CREATED = 1763900000
AZURE_AI_API_VERSION = "2024-05-01-preview"
REFERENCES = {
    "model-inference": "Azure/azure-rest-api-specs specification/ai/data-plane/ModelInference/preview/"
                       "2024-05-01-preview/openapi.json",
    "azure-openai": "Azure/azure-rest-api-specs specification/cognitiveservices/data-plane/AzureOpenAI/inference/"
                    "stable/2024-06-01/inference.json",
    "openai-types": "openai 3.54.0 response types (openai/types/...), the contract of /openai/v1/",
    "sdk-sources": "azure-ai-inference 1.0.0b9, azure-core 1.41.0 and openai 3.54.0 sources, "
                   "as cited in shared/WIRE.md",
}
SAFE = {"filtered": False, "severity": "safe"}
CONTENT_FILTER = {"hate": SAFE, "self_harm": SAFE, "sexual": SAFE, "violence": SAFE}
PROMPT_FILTER = [{"prompt_index": 0, "content_filter_results": CONTENT_FILTER}]


def usage(prompt, completion):
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def chat_completion(content, model, prompt_tokens=20, completion_tokens=10, azure_openai=False, id="chatcmpl-kit-0001"):
    """A chat completions body; azure_openai adds the content-filter annotations Azure OpenAI sends."""
    choice = {"index": 0, "finish_reason": "stop", "logprobs": None,
              "message": {"role": "assistant", "content": content}}
    body = {"id": id, "object": "chat.completion", "created": CREATED, "model": model, "choices": [choice],
            "usage": usage(prompt_tokens, completion_tokens)}
    if azure_openai:
        choice["content_filter_results"] = CONTENT_FILTER
        choice["message"]["refusal"] = None
        body["prompt_filter_results"] = PROMPT_FILTER
        body["system_fingerprint"] = "fp_kit"
    return body


def chat_stream(pieces, model, azure_openai=False, include_usage=False, prompt_tokens=20, id="chatcmpl-kit-0002"):
    """An SSE body: Azure OpenAI's first chunk (empty choices, prompt_filter_results), one chunk per piece,
    a final chunk with finish_reason, usage when asked, then data: [DONE]."""
    events = []
    if azure_openai:
        events.append({"choices": [], "created": 0, "id": "", "model": "", "object": "",
                       "prompt_filter_results": PROMPT_FILTER})

    def chunk(delta, finish_reason=None):
        choice = {"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}
        if azure_openai and delta:
            choice["content_filter_results"] = CONTENT_FILTER
        return {"id": id, "object": "chat.completion.chunk", "created": CREATED, "model": model,
                "choices": [choice], **({"system_fingerprint": "fp_kit"} if azure_openai else {})}

    events.append(chunk({"role": "assistant", "content": ""}))
    events += [chunk({"content": piece}) for piece in pieces]
    events.append(chunk({}, "stop"))
    if include_usage:
        events.append({"id": id, "object": "chat.completion.chunk", "created": CREATED, "model": model,
                       "choices": [], "usage": usage(prompt_tokens, len(pieces))})
    return "".join(f"data: {json.dumps(e, separators=(',', ':'))}\n\n" for e in events) + "data: [DONE]\n\n"


def responses_body(text, model, id, input_tokens, output_tokens, seconds=1):
    """A /responses body with one assistant message, as openai's Response type describes it."""
    return {
        "id": id, "object": "response", "created_at": CREATED, "status": "completed", "background": False,
        "completed_at": CREATED + seconds, "error": None, "incomplete_details": None, "instructions": None,
        "max_output_tokens": None, "max_tool_calls": None, "model": model,
        "output": [{
            "id": f"msg_{id.removeprefix('resp_')}", "type": "message", "status": "completed", "role": "assistant",
            "content": [{"type": "output_text", "annotations": [], "logprobs": [], "text": text}],
        }],
        "parallel_tool_calls": True, "previous_response_id": None, "prompt_cache_key": None,
        "reasoning": {"effort": None, "summary": None}, "safety_identifier": None, "service_tier": "default",
        "temperature": 1.0, "text": {"format": {"type": "text"}, "verbosity": "medium"}, "tool_choice": "auto",
        "tools": [], "top_logprobs": 0, "top_p": 1.0, "truncation": "disabled",
        "usage": {"input_tokens": input_tokens, "input_tokens_details": {"cache_write_tokens": 0, "cached_tokens": 0},
                  "output_tokens": output_tokens, "output_tokens_details": {"reasoning_tokens": 0},
                  "total_tokens": input_tokens + output_tokens},
        "user": None, "metadata": {},
    }


def embeddings(vectors, model, prompt_tokens=6, as_base64=False):
    """An embeddings body; as_base64 packs each vector as little-endian float32, as openai asks by default."""
    def encode(vector):
        return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode() if as_base64 else vector

    return {"id": "embd-kit-0001", "object": "list", "model": model,
            "data": [{"index": i, "object": "embedding", "embedding": encode(v)} for i, v in enumerate(vectors)],
            "usage": {"prompt_tokens": prompt_tokens, "total_tokens": prompt_tokens}}


def error(code, message, **extra):
    return {"error": {"code": str(code), "message": message, **extra}}


REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed",
           410: "Gone", 422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error",
           503: "Service Unavailable"}


def interaction(method, url, request_body=None, response_body=None, status=200, auth="key",
                request_headers=None, response_headers=None, stream=False):
    """One request/response pair. auth: "key" (api-key and Bearer key, as AzureKeyCredential sends),
    "api-key" (only api-key), "bearer" (Entra ID or an OpenAI-style key), or None."""
    headers = {"Accept": ["application/json"]}
    if request_body is not None:
        headers["Content-Type"] = ["application/json"]
    if auth in ("key", "api-key"):
        headers["api-key"] = [MASK]
    if auth in ("key", "bearer"):
        headers["Authorization"] = [f"Bearer {MASK}"]
    headers.update({k: [v] for k, v in (request_headers or {}).items()})
    content_type = "text/event-stream; charset=utf-8" if stream else "application/json"
    out_headers = {"Content-Type": [content_type], "apim-request-id": ["apim-request-id-scrubbed"],
                   "x-request-id": ["x-request-id-scrubbed"]}
    out_headers.update({k: [str(v)] for k, v in (response_headers or {}).items()})
    text = response_body if isinstance(response_body, str) else json.dumps(response_body, indent=1)
    return {
        "request": {"method": method, "uri": url, "headers": headers,
                    "body": None if request_body is None else json.dumps(request_body)},
        "response": {"status": {"code": status, "message": REASONS.get(status, "")},
                     "headers": out_headers, "body": {"string": text}},
    }


def cassette(interactions, references, note):
    return {
        "version": 1,
        "metadata": {"provenance": {"source": "synthesized", "references": [REFERENCES[r] for r in references],
                                    "note": note}},
        "interactions": interactions,
    }


def source(notebook):
    """The recording source module of a notebook, e.g. for a solutions source to reuse its lesson's bodies."""
    return _load_source(RECORDINGS / "sources" / f"{notebook}.py")


def _load_source(path):
    spec = importlib.util.spec_from_file_location(f"recording_source_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(notebook):
    """Write notebooks/recordings/<notebook>.yaml from its source; keep a real recording as it is."""
    target = RECORDINGS / f"{notebook}.yaml"
    if target.exists() and (load(target).get("metadata") or {}).get("provenance", {}).get("source") == "recorded":
        return f"kept {target.name}: it is a real recording"
    target.parent.mkdir(parents=True, exist_ok=True)
    module = source(notebook)
    data = cassette(module.interactions(), module.REFERENCES, module.NOTE)
    target.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return f"wrote {target.name} ({len(data['interactions'])} interactions)"


def main(argv):
    sources = RECORDINGS / "sources"
    names = argv or sorted(str(p.relative_to(sources).with_suffix("")) for p in sources.rglob("[0-9]*.py"))
    for name in names:
        print(build(name))


if __name__ == "__main__":
    main(sys.argv[1:])
