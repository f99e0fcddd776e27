"""Stand-in answers: for a request that was never recorded, a response in the exact wire shape of its route, whose
text says plainly that it is a stand-in. The SDKs parse it with their own code, so later cells keep working.
Stand-ins live only in memory: nothing here is ever written to a cassette.
"""

import base64
import hashlib
import json
import math
import struct
from urllib.parse import urlsplit

from . import matching, shapes
from .credentials import OTHER_KEY

TEXT = ("[Stand-in answer, not a model's] This request was never recorded, so replay made up this answer to keep "
        "the notebook running. For a real answer, run with your own .env in live mode (NOTEBOOK_MODE=live) or record "
        "the notebook (make record).")
NOTICE = ("Stand-in answer: {count} request(s) in this cell were never recorded, so the answer text says it is a "
          "stand-in. For a real one: NOTEBOOK_MODE=live with your .env, or make record.")
MODEL = "stand-in"
CREATED = 0
WORDS = len(TEXT.split())
PROMPT_TOKENS = 10
FINGERPRINT = "fp_stand_in"


def _body(request):
    try:
        return json.loads(request.body or b"{}")
    except ValueError:
        return {}


def _id(prefix, request):
    digest = hashlib.sha256((request.uri + str(request.body)).encode("utf-8", "replace")).hexdigest()
    return f"{prefix}standin{digest[:24]}"


def _azure_openai(request):
    return (urlsplit(request.uri).hostname or "").endswith((".openai.azure.com", ".cognitiveservices.azure.com"))


def _filtered(request, answer):
    """Azure OpenAI's content-filter annotations on a chat or completions answer, as the service adds them."""
    if _azure_openai(request):
        answer["prompt_filter_results"] = shapes.PROMPT_FILTER
        for choice in answer["choices"]:
            choice["content_filter_results"] = shapes.CONTENT_FILTER
    return answer


def chat(request, body):
    """A stand-in's text; a call of the tool asked for, or JSON of the schema asked for, whose strings are that text."""
    tool = shapes.tool_asked(body)
    response_format = body.get("response_format") or {}
    content = None if tool else TEXT
    if response_format.get("type") == "json_schema" and not tool:
        content = json.dumps(shapes.example(response_format["json_schema"].get("schema"), TEXT))
    answer = shapes.chat_completion(content, body.get("model") or MODEL, _id("chatcmpl-", request), CREATED,
                                    PROMPT_TOKENS, WORDS, _azure_openai(request), FINGERPRINT,
                                    "tool_calls" if tool else "stop")
    if tool:
        answer["choices"][0]["message"]["tool_calls"] = [shapes.tool_call(_id("call_", request), tool, TEXT)]
    return answer


def chat_stream(request, body):
    pieces = [word if i == 0 else f" {word}" for i, word in enumerate(TEXT.split(" "))]
    include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
    return shapes.chat_stream(pieces, body.get("model") or MODEL, _id("chatcmpl-", request), CREATED, PROMPT_TOKENS,
                              _azure_openai(request), include_usage, FINGERPRINT)


def _vector(text, size):
    """A unit vector made from the text's hash: the same text always gets the same stand-in vector."""
    seed = hashlib.sha256(str(text).encode("utf-8", "replace")).digest()
    values = [math.sin(seed[i % len(seed)] + i) for i in range(size)]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [round(v / norm, 6) for v in values]


def recorded_size(request, recorded):
    """The length of the vectors recorded for the request's host and path, or None: a stand-in vector has the
    dimension of that endpoint's real ones, so it can be compared with them."""
    where = urlsplit(request.uri)
    for sent, response in recorded:
        if (urlsplit(sent.uri).netloc, urlsplit(sent.uri).path) != (where.netloc, where.path):
            continue
        try:
            vector = json.loads(response["body"]["string"])["data"][0]["embedding"]
        except (ValueError, KeyError, IndexError, TypeError):
            continue
        return len(base64.b64decode(vector)) // 4 if isinstance(vector, str) else len(vector)
    return None


def embeddings(request, body, recorded=()):
    inputs = body.get("input")
    inputs = inputs if isinstance(inputs, list) else [inputs]
    size = int(body.get("dimensions") or recorded_size(request, recorded) or 1536)
    as_base64 = body.get("encoding_format") == "base64"

    def encode(vector):
        return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode() if as_base64 else vector

    usage = {"prompt_tokens": len(inputs), "total_tokens": len(inputs)}
    if not _azure_openai(request):
        usage["completion_tokens"] = 0  # as serverless model servers send it
    return {"id": _id("embd-", request), "object": "list", "model": body.get("model") or MODEL,
            "data": [{"index": i, "object": "embedding", "embedding": encode(_vector(text, size))}
                     for i, text in enumerate(inputs)],
            "usage": usage}


def responses(request, body):
    id = _id("resp_", request)
    return {"id": id, "object": "response", "created_at": CREATED, "status": "completed", "error": None,
            "incomplete_details": None, "instructions": body.get("instructions"), "model": body.get("model") or MODEL,
            "output": [{"id": f"msg_{id.removeprefix('resp_')}", "type": "message", "status": "completed",
                        "role": "assistant",
                        "content": [{"type": "output_text", "annotations": [], "text": TEXT}]}],
            "parallel_tool_calls": True, "tool_choice": "auto", "tools": [], "metadata": {},
            "usage": {"input_tokens": PROMPT_TOKENS,
                      "input_tokens_details": {"cache_write_tokens": 0, "cached_tokens": 0}, "output_tokens": WORDS,
                      "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": PROMPT_TOKENS + WORDS}}


def completions(request, body):
    return _filtered(request, {
        "id": _id("cmpl-", request), "object": "text_completion", "created": CREATED,
        "model": body.get("model") or MODEL,
        "choices": [{"index": 0, "text": TEXT, "finish_reason": "stop", "logprobs": None}],
        "usage": shapes.usage(PROMPT_TOKENS, WORDS)})


def images(request, body):
    count = int(body.get("n") or 1)
    pixel = base64.b64encode(bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002"
        "00010005fe02fea70000000049454e44ae426082")).decode()
    return {"created": CREATED, "data": [{"b64_json": pixel, "revised_prompt": TEXT} for _ in range(count)]}


def info(request, body):
    return {"model_name": MODEL, "model_type": "chat-completion", "model_provider_name": "Stand-in (not a model)"}


ROUTES = (  # (path ends with, builder); the first that fits answers
    ("/chat/completions", chat),
    ("/images/embeddings", embeddings),
    ("/embeddings", embeddings),
    ("/responses", responses),
    ("/completions", completions),
    ("/images/generations", images),
    ("/info", info),
)


WRONG_KEY_TEXT = ("[Stand-in answer, not the service's] This request was never recorded, and it was sent with a key "
                  "other than the one configured, so replay answers as the service answers a wrong key: 401. For the "
                  "service's own answer, run with your own .env in live mode (NOTEBOOK_MODE=live).")


def unauthorized(request):
    """A wrong key's 401 in the form the endpoint's kind sends it."""
    host = urlsplit(request.uri).hostname or ""
    if host.endswith(".models.ai.azure.com"):
        return {"statusCode": 401, "message": WRONG_KEY_TEXT}
    if host == "api.openai.com":
        return {"error": {"message": WRONG_KEY_TEXT, "type": "invalid_request_error", "param": None,
                          "code": "invalid_api_key"}}
    return {"error": {"code": "401", "message": WRONG_KEY_TEXT}}


def answer(request, recorded=()):
    """The stand-in response for a request, as vcrpy's recorded response dict; a request sent with a key other than
    the configured one gets the 401 the service would send it. recorded: the cassette's (request, response) pairs."""
    body = _body(request)
    path = urlsplit(request.uri).path.rstrip("/")
    if OTHER_KEY in str(matching.credentials(request.headers)):
        return _response(401, "application/json", json.dumps(unauthorized(request)))
    builder = next((build for suffix, build in ROUTES if path.endswith(suffix)), None)
    if builder is chat and body.get("stream"):
        return _response(200, "text/event-stream; charset=utf-8", chat_stream(request, body))
    if builder is None:
        message = f"{TEXT} (No stand-in exists for {request.method} {path}.)"
        return _response(404, "application/json", json.dumps({"error": {"code": "404", "message": message}}))
    payload = builder(request, body, recorded) if builder is embeddings else builder(request, body)
    return _response(200, "application/json", json.dumps(payload))


def _response(status, content_type, text):
    return {"status": {"code": status, "message": shapes.REASONS[status]},
            "headers": {"Content-Type": [content_type], "x-kit-stand-in": ["true"]},
            "body": {"string": text.encode("utf-8")}}
