"""The shapes of the service's chat answers, for replay's stand-ins (helpers.standins) and for the cassettes
tools/wire.py writes. Held to real answers by tests/test_reference_shapes.py: Azure OpenAI's annotations are as in the
Azure SDK's recording of a gpt-4o deployment (tests/reference/azure-openai-chat-200.json)."""

import json

REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed",
           410: "Gone", 422: "Unprocessable Entity", 429: "Too Many Requests", 500: "Internal Server Error",
           503: "Service Unavailable"}  # the reason phrase of each status the kit's answers carry
SAFE = {"filtered": False, "severity": "safe"}
NOT_DETECTED = {"filtered": False, "detected": False}
# Four severities; the prompt adds jailbreak, each choice adds protected material.
CATEGORIES = {"hate": SAFE, "self_harm": SAFE, "sexual": SAFE, "violence": SAFE}
CONTENT_FILTER = {"hate": SAFE, "protected_material_code": NOT_DETECTED, "protected_material_text": NOT_DETECTED,
                  "self_harm": SAFE, "sexual": SAFE, "violence": SAFE}
PROMPT_FILTER = [{"prompt_index": 0, "content_filter_results": {**CATEGORIES, "jailbreak": NOT_DETECTED}}]


def usage(prompt, completion, details=False):
    """Token usage; details adds the token breakdowns current Azure OpenAI answers carry."""
    body = {"completion_tokens": completion, "prompt_tokens": prompt, "total_tokens": prompt + completion}
    if details:
        body["completion_tokens_details"] = {"accepted_prediction_tokens": 0, "audio_tokens": 0,
                                             "reasoning_tokens": 0, "rejected_prediction_tokens": 0}
        body["prompt_tokens_details"] = {"audio_tokens": 0, "cached_tokens": 0}
    return body


def chat_completion(content, model, id, created, prompt_tokens, completion_tokens, azure_openai, fingerprint,
                    finish_reason="stop"):
    """A chat completions body. Azure OpenAI adds logprobs, refusal, the content-filter annotations, a system
    fingerprint and token details; a serverless model server sends tool_calls instead."""
    choice = {"index": 0, "finish_reason": finish_reason, "message": {"role": "assistant", "content": content}}
    body = {"id": id, "object": "chat.completion", "created": created, "model": model, "choices": [choice],
            "usage": usage(prompt_tokens, completion_tokens, details=azure_openai)}
    if azure_openai:
        choice["logprobs"] = None
        choice["content_filter_results"] = CONTENT_FILTER
        choice["message"]["refusal"] = None
        body["prompt_filter_results"] = PROMPT_FILTER
        body["system_fingerprint"] = fingerprint
    else:
        choice["message"]["tool_calls"] = None
    return body


def tool_asked(request):
    """The function a tool-calling model calls now: none once a tool answered, or when tool_choice is "none"."""
    tools = request.get("tools") or []
    choice = request.get("tool_choice")
    if not tools or choice == "none" or (request.get("messages") or [{}])[-1].get("role") == "tool":
        return None
    if isinstance(choice, dict):
        return next(t["function"] for t in tools if t["function"]["name"] == choice["function"]["name"])
    return tools[0]["function"]


def example(schema, text):
    """A value that fits a JSON schema: each property of an object, strings as text, numbers as 1."""
    schema = schema or {"type": "object", "properties": {}}
    kind = schema.get("type", "object")
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "object":
        return {name: example(part, text) for name, part in (schema.get("properties") or {}).items()}
    if kind == "array":
        return [example(schema.get("items") or {"type": "string"}, text)]
    return {"string": text, "integer": 1, "number": 1.5, "boolean": True}.get(kind)


def tool_call(id, function, text):
    """A call of the function, its arguments made from its JSON schema (chatCompletionMessageToolCall)."""
    return {"id": id, "type": "function",
            "function": {"name": function["name"], "arguments": json.dumps(example(function.get("parameters"), text))}}


def chat_stream(pieces, model, id, created, prompt_tokens, azure_openai, include_usage, fingerprint):
    """An SSE body, one chunk per piece after a role chunk, then data: [DONE].
    Azure OpenAI: a first chunk of empty choices and prompt_filter_results, content_filter_results on every
    choice ({} on the role and finish chunks), a finish chunk with an empty delta, and usage in a last chunk
    of empty choices only when stream_options asked for it.
    Serverless model servers: a finish chunk whose delta is {"content": ""} and which carries usage unasked."""
    events = []
    if azure_openai:
        events.append({"choices": [], "created": 0, "id": "", "model": "", "object": "",
                       "prompt_filter_results": PROMPT_FILTER})

    def chunk(delta, finish_reason=None, filters=None):
        choice = {"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}
        if azure_openai:
            choice["content_filter_results"] = filters if filters is not None else CONTENT_FILTER
        return {"id": id, "object": "chat.completion.chunk", "created": created, "model": model,
                "choices": [choice], **({"system_fingerprint": fingerprint} if azure_openai else {})}

    events.append(chunk({"role": "assistant", "content": ""}, filters={}))
    events += [chunk({"content": piece}) for piece in pieces]
    if azure_openai:
        events.append(chunk({}, "stop", filters={}))
        if include_usage:
            events.append({"id": id, "object": "chat.completion.chunk", "created": created, "model": model,
                           "choices": [], "usage": usage(prompt_tokens, len(pieces), details=True)})
    else:
        events.append({**chunk({"content": ""}, "stop"), "usage": usage(prompt_tokens, len(pieces))})
    return "".join(f"data: {json.dumps(e, separators=(',', ':'))}\n\n" for e in events) + "data: [DONE]\n\n"
