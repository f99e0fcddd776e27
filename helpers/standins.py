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

from . import matching
from .scrubbing import OTHER_KEY

TEXT = ("[Stand-in answer, not a model's] This request was never recorded, so replay made up this answer to keep "
        "the notebook running. For a real answer, run with your own .env in live mode (NOTEBOOK_MODE=live) or record "
        "the notebook (make record).")
NOTICE = ("Stand-in answer: {count} request(s) in this cell were never recorded, so the answer text says it is a "
          "stand-in. For a real one: NOTEBOOK_MODE=live with your .env, or make record.")
MODEL = "stand-in"
CREATED = 0
WORDS = len(TEXT.split())
# Azure OpenAI's annotations, in the shape tools/wire.py takes from the Azure SDK's real recording of a deployment.
SAFE = {"filtered": False, "severity": "safe"}
NOT_DETECTED = {"filtered": False, "detected": False}
CATEGORIES = {"hate": SAFE, "self_harm": SAFE, "sexual": SAFE, "violence": SAFE}
CONTENT_FILTER = {**CATEGORIES, "protected_material_code": NOT_DETECTED, "protected_material_text": NOT_DETECTED}
PROMPT_FILTER = [{"prompt_index": 0, "content_filter_results": {**CATEGORIES, "jailbreak": NOT_DETECTED}}]


def _body(request):
    try:
        return json.loads(request.body or b"{}")
    except ValueError:
        return {}


def _id(prefix, request):
    digest = hashlib.sha256((request.uri + str(request.body)).encode("utf-8", "replace")).hexdigest()
    return f"{prefix}standin{digest[:24]}"


def _usage(prompt=10, completion=WORDS, details=False):
    usage = {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
    if details:  # the token breakdowns Azure OpenAI answers carry
        usage["completion_tokens_details"] = {"accepted_prediction_tokens": 0, "audio_tokens": 0,
                                              "reasoning_tokens": 0, "rejected_prediction_tokens": 0}
        usage["prompt_tokens_details"] = {"audio_tokens": 0, "cached_tokens": 0}
    return usage


def _azure_openai(request):
    return (urlsplit(request.uri).hostname or "").endswith((".openai.azure.com", ".cognitiveservices.azure.com"))


def _filtered(request, answer):
    """Azure OpenAI's content-filter annotations on a chat or completions answer, as the service adds them."""
    if _azure_openai(request):
        answer["prompt_filter_results"] = PROMPT_FILTER
        for choice in answer["choices"]:
            choice["content_filter_results"] = CONTENT_FILTER
    return answer


def chat(request, body):
    """Azure OpenAI's answer has logprobs, refusal, a system fingerprint and token details; a serverless model
    server's has tool_calls instead (tools/wire.py's chat_completion, held to real answers)."""
    azure_openai = _azure_openai(request)
    message = {"role": "assistant", "content": TEXT}
    choice = {"index": 0, "finish_reason": "stop", "message": message}
    answer = {"id": _id("chatcmpl-", request), "object": "chat.completion", "created": CREATED,
              "model": body.get("model") or MODEL, "choices": [choice], "usage": _usage(details=azure_openai)}
    if azure_openai:
        choice["logprobs"], message["refusal"], answer["system_fingerprint"] = None, None, "fp_stand_in"
    else:
        message["tool_calls"] = None
    return _filtered(request, answer)


def chat_stream(request, body):
    """Chunks as the endpoint's kind sends them (tools/wire.py's chat_stream has the facts). Azure OpenAI: a first
    chunk of empty choices, filter results on every choice, usage in a last chunk only when asked. Serverless: a
    finish chunk that carries usage unasked."""
    model, id, azure_openai = body.get("model") or MODEL, _id("chatcmpl-", request), _azure_openai(request)
    events = []
    if azure_openai:
        events.append({"choices": [], "created": 0, "id": "", "model": "", "object": "",
                       "prompt_filter_results": PROMPT_FILTER})

    def chunk(delta, finish_reason=None, filters=CONTENT_FILTER):
        choice = {"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}
        if azure_openai:
            choice["content_filter_results"] = filters
        return {"id": id, "object": "chat.completion.chunk", "created": CREATED, "model": model, "choices": [choice]}

    words = TEXT.split(" ")
    events.append(chunk({"role": "assistant", "content": ""}, filters={}))
    events += [chunk({"content": word if i == 0 else f" {word}"}) for i, word in enumerate(words)]
    if not azure_openai:
        events.append({**chunk({"content": ""}, "stop"), "usage": _usage()})
    else:
        events.append(chunk({}, "stop", filters={}))
        if (body.get("stream_options") or {}).get("include_usage"):
            events.append({"id": id, "object": "chat.completion.chunk", "created": CREATED, "model": model,
                           "choices": [], "usage": _usage()})
    return "".join(f"data: {json.dumps(e, separators=(',', ':'))}\n\n" for e in events) + "data: [DONE]\n\n"


def _vector(text, size):
    """A unit vector made from the text's hash: the same text always gets the same stand-in vector."""
    seed = hashlib.sha256(str(text).encode("utf-8", "replace")).digest()
    values = [math.sin(seed[i % len(seed)] + i) for i in range(size)]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [round(v / norm, 6) for v in values]


def embeddings(request, body):
    inputs = body.get("input")
    inputs = inputs if isinstance(inputs, list) else [inputs]
    size = int(body.get("dimensions") or 1536)
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
            "usage": {"input_tokens": 10, "input_tokens_details": {"cache_write_tokens": 0, "cached_tokens": 0},
                      "output_tokens": WORDS, "output_tokens_details": {"reasoning_tokens": 0},
                      "total_tokens": 10 + WORDS}}


def completions(request, body):
    return _filtered(request, {
        "id": _id("cmpl-", request), "object": "text_completion", "created": CREATED,
        "model": body.get("model") or MODEL,
        "choices": [{"index": 0, "text": TEXT, "finish_reason": "stop", "logprobs": None}], "usage": _usage()})


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


def answer(request):
    """The stand-in response for a request, as vcrpy's recorded response dict; a request sent with a key other than
    the configured one gets the 401 the service would send it."""
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
    return _response(200, "application/json", json.dumps(builder(request, body)))


REASONS = {200: "OK", 401: "Unauthorized", 404: "Not Found"}


def _response(status, content_type, text):
    return {"status": {"code": status, "message": REASONS[status]},
            "headers": {"Content-Type": [content_type], "x-kit-stand-in": ["true"]},
            "body": {"string": text.encode("utf-8")}}
