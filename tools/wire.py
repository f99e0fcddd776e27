"""Build synthesized cassettes from the documented wire format (shared/WIRE.md).

Each notebook's recording is described in notebooks/recordings/sources/NN_topic.py as a list of
interactions made with these builders; ``python -m tools.wire`` writes the YAML cassettes.
A cassette whose provenance says "recorded" (a real recording) is never overwritten.
"""

import base64
import hashlib
import importlib.util
import json
import struct
import sys
from urllib.parse import urlsplit

from helpers import shapes
from helpers.cassettes import load, origins, write
from helpers.credentials import MASK, OTHER_KEY
from helpers.paths import RECORDINGS
from helpers.shapes import CATEGORIES, NOT_DETECTED, usage
from openai_v1_migrate import retirements

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
    "real-answers": "Shapes, headers, ids and model names held to real answers: the Azure SDK's recordings in "
                    "Azure/azure-sdk-assets python/sdk/ai/azure-ai-inference/tests/recordings/ and the public issues "
                    "in tests/reference/*.json, each with its path and commit (tests/test_reference_shapes.py)",
}


def answer_id(azure_openai, *seed):
    """A stable id, different for every different answer. A real serverless id is 32 hex digits and an Azure OpenAI
    id 'chatcmpl-' and 29 letters and digits; both look like keys to tests/support/secret_scan.py, so the kit's ids keep
    a short 'kit' form (a deliberate difference, listed in tests/support/reference_shapes.py)."""
    digest = hashlib.sha256(json.dumps(seed, sort_keys=True).encode("utf-8")).hexdigest()[:8]
    return f"chatcmpl-kit-{digest}" if azure_openai else f"kit-{digest}"


def chat_completion(content, model, prompt_tokens=20, completion_tokens=10, azure_openai=False, id=None,
                    finish_reason="stop"):
    """A chat completions body (helpers/shapes.py). id seeds the answer's id, so that two answers with the same
    text can still have different ids."""
    id = answer_id(azure_openai, id, content, model, prompt_tokens, completion_tokens)
    return shapes.chat_completion(content, model, id, CREATED, prompt_tokens, completion_tokens, azure_openai, "fp_kit",
                                  finish_reason)


def chat_stream(pieces, model, azure_openai=False, include_usage=False, prompt_tokens=20, id=None):
    """An SSE body with one chunk per piece, in the shape the endpoint's kind sends it (helpers/shapes.py)."""
    id = answer_id(azure_openai, id, pieces, model, prompt_tokens, include_usage)
    return shapes.chat_stream(pieces, model, id, CREATED, prompt_tokens, azure_openai, include_usage, "fp_kit")


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

    return {"id": answer_id(False, model, vectors, as_base64), "object": "list", "model": model,
            "data": [{"index": i, "object": "embedding", "embedding": encode(v)} for i, v in enumerate(vectors)],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": 0, "total_tokens": prompt_tokens}}


def error(code, message, **extra):
    return {"error": {"code": str(code), "message": message, **extra}}


def model_info(name, provider, model_type="chat-completion"):
    """GET /info on a serverless model server (tests/reference/serverless-info-200.json)."""
    return {"model_name": name, "model_type": model_type, "model_provider_name": provider,
            "served_model_name": name, "served_model_type": model_type}


# A serverless model server's answer to a wrong key: JSON, not Azure's {"error": ...}, and a reason header
# (tests/reference/serverless-chat-401.json).
SERVERLESS_UNAUTHORIZED = {"statusCode": 401,
                           "message": "Auth token validation failed. Please provide a valid key or a valid AAD token"}
SERVERLESS_UNAUTHORIZED_HEADERS = {"x-ms-error-reason": "Invalid JWT."}
# A serverless chat model's answer to POST /embeddings: plain text (tests/reference/serverless-embeddings-404.json).
NOT_FOUND_TEXT = "NOT FOUND"
NOT_FOUND_HEADERS = {"Content-Type": "text/plain; charset=utf-8", "ms-azureml-model-error-reason": "model_error",
                     "ms-azureml-model-error-statuscode": "404"}
# GitHub Models' answer after its retirement, illustrative: its real answer is not documented (00_setup's note).
GITHUB_MODELS_GONE = f"{retirements.GITHUB_MODELS.fact}. This endpoint no longer serves requests."
# A placeholder in the place of the real request id an Azure OpenAI 500 quotes.
REQUEST_ID = "00000000-0000-0000-0000-000000000000"


# Azure OpenAI's refusals, as public reports quote them (sources in tests/support/fake_azure_openai.py's docstring).
AZURE_OPENAI_UNAUTHORIZED = ("Access denied due to invalid subscription key or wrong API endpoint. Make sure to "
                             "provide a valid key for an active subscription and use a correct regional API endpoint "
                             "for your resource.")
TOKEN_REFUSED = {"statusCode": 401, "message": "Unauthorized. Access token is missing, invalid, audience is incorrect "
                                               "(https://cognitiveservices.azure.com), or have expired."}
NOT_DEPLOYED = ("The API deployment for this resource does not exist. If you created the deployment within the last 5 "
                "minutes, please wait a moment and try again.")
CHAT_ACTION = "Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action"


def permission_denied(principal):
    """Azure OpenAI's answer to a signed-in caller without a data-plane role; it names the caller's principal id."""
    return error("PermissionDenied", f"The principal `{principal}` lacks the required data action `{CHAT_ACTION}` to "
                 "perform `POST /openai/deployments/{deployment-id}/chat/completions` operation.")


def extra_parameters_rejected(keys):
    """Microsoft's model server refusing body keys the API does not define when extra-parameters is not
    pass-through: a FastAPI-style {"detail": ...} (tests/reference/serverless-extra-parameters-400.json)."""
    return {"detail": f"Extra parameters {list(keys)!r} are not allowed when extra-parameters is not set or set to "
                      "be 'error'. Set extra-parameters to 'pass-through' to pass to the model."}


def azure_openai_server_error():
    """Azure OpenAI's 500: OpenAI's error form, code null (tests/reference/azure-openai-chat-500.json)."""
    return {"error": {"message": "The server had an error while processing your request. Sorry about that! You can "
                                 "retry your request, or contact us through an Azure support request at: "
                                 "https://go.microsoft.com/fwlink/?linkid=2213926 if the error persists. (Please "
                                 f"include the request ID {REQUEST_ID} in your message.)",
                      "type": "server_error", "param": None, "code": None}}


def azure_openai_rate_limited(api_version, seconds=1, operation="ChatCompletions_Create", retry_after_ms=10):
    """Azure OpenAI's 429 body and headers (tests/reference/azure-openai-chat-429.json): the message names the
    api-version of the request and the seconds to wait, which retry-after repeats. retry-after-ms is 10 by default,
    shorter than a live answer's, so that openai (which reads it first) does not wait in replay; azure-core reads
    retry-after first and waits the seconds asked. A wait neither SDK sleeps (a daily quota's, with retry_total=0 in
    azure-core; openai retries no wait over 120 s) keeps the live retry-after-ms, seconds * 1000."""
    unit = "second" if seconds == 1 else "seconds"
    body = error("429", f"Requests to the {operation} Operation under Azure OpenAI API version {api_version} have "
                        "exceeded token rate limit of your current AIServices S0 pricing tier. Please retry after "
                        f"{seconds} {unit}. Please contact Azure support service if you would like to further "
                        "increase the default rate limit.")
    headers = {"retry-after": str(seconds), "retry-after-ms": str(retry_after_ms),
               "x-ratelimit-remaining-requests": "0", "x-ratelimit-remaining-tokens": "0"}
    return body, headers


CONTENT_FILTERED_MESSAGE = ("The response was filtered due to the prompt triggering Azure OpenAI's content management "
                            "policy. Please modify your prompt and retry. To learn more about our content filtering "
                            "policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766")


def content_filtered(category="violence", severity="medium"):
    """Azure OpenAI's 400 for a prompt its content filter blocks (tests/reference/azure-openai-chat-400-content-
    filter.json): code content_filter, param prompt, and an innererror naming each category's result."""
    results = {**CATEGORIES, "jailbreak": NOT_DETECTED, category: {"filtered": True, "severity": severity}}
    return {"error": {"message": CONTENT_FILTERED_MESSAGE, "type": None, "param": "prompt", "code": "content_filter",
                      "status": 400, "innererror": {"code": "ResponsibleAIPolicyViolation",
                                                    "content_filter_result": dict(sorted(results.items()))}}}


def content_filtered_completion(model, category="violence", severity="medium", prompt_tokens=20,
                                completion_tokens=30):
    """Azure OpenAI's 200 for a completion its content filter cut (tests/reference/azure-openai-chat-200-content-
    filter.json): finish_reason content_filter, message content null, and the choice's content_filter_results with
    the category that was filtered; the prompt's own results are all safe. Its usage carries the token details, as
    every current Azure OpenAI answer does (tests/reference/azure-openai-chat-200.json)."""
    results = {**CATEGORIES, category: {"filtered": True, "severity": severity}}
    choice = {"finish_reason": "content_filter", "index": 0, "logprobs": None,
              "message": {"content": None, "role": "assistant"},
              "content_filter_results": dict(sorted(results.items()))}
    return {"id": answer_id(True, "content_filter", model, category, prompt_tokens, completion_tokens),
            "choices": [choice], "created": CREATED, "model": model, "object": "chat.completion",
            "system_fingerprint": "fp_kit", "usage": usage(prompt_tokens, completion_tokens, details=True),
            "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": CATEGORIES}]}




def service_headers(url, status=200):
    """The response headers each kind of host sends besides Content-Type, as record mode leaves them
    (helpers.scrubbing keeps request ids and the region only as stable placeholders).
    Serverless model servers (*.models.ai.azure.com) send azureml-model-session and x-request-id, and no
    apim-request-id; Azure OpenAI and Foundry send apim-request-id, x-request-id and x-ms-region, and on a
    success the remaining rate limits."""
    host = urlsplit(url).hostname or ""
    if host.endswith(".models.ai.azure.com"):
        # a wrong key is refused before the request reaches a model deployment
        return {} if status == 401 else {"azureml-model-session": "kit-deployment-1",
                                         "x-request-id": "x-request-id-scrubbed"}
    if host.endswith((".openai.azure.com", ".services.ai.azure.com", ".cognitiveservices.azure.com")):
        headers = {"apim-request-id": "apim-request-id-scrubbed", "x-request-id": "x-request-id-scrubbed",
                   "x-ms-region": "x-ms-region-scrubbed"}
        if status < 400:
            headers.update({"x-ratelimit-remaining-requests": "99", "x-ratelimit-remaining-tokens": "99000"})
        return headers
    return {"x-request-id": "x-request-id-scrubbed"}


def interaction(method, url, request_body=None, response_body=None, status=200, auth="key",
                request_headers=None, response_headers=None, stream=False, other_key=False):
    """One request/response pair. auth: "key" (api-key and Bearer key, as AzureKeyCredential sends),
    "api-key" (only api-key), "bearer" (Entra ID or an OpenAI-style key), or None. other_key: the request was sent
    with a key other than the configured one (a troubleshooting cell's wrong key), as record mode marks it."""
    mask = OTHER_KEY if other_key else MASK
    headers = {"Accept": ["application/json"]}
    if request_body is not None:
        headers["Content-Type"] = ["application/json"]
    if auth in ("key", "api-key"):
        headers["api-key"] = [mask]
    if auth in ("key", "bearer"):
        headers["Authorization"] = [f"Bearer {mask}"]
    headers.update({k: [v] for k, v in (request_headers or {}).items()})
    content_type = "text/event-stream; charset=utf-8" if stream else "application/json"
    out_headers = {"Content-Type": [content_type]}
    out_headers.update({k: [v] for k, v in service_headers(url, status).items()})
    out_headers.update({k: [str(v)] for k, v in (response_headers or {}).items()})
    text = response_body if isinstance(response_body, str) else json.dumps(response_body, indent=1)
    return {
        "request": {"method": method, "uri": url, "headers": headers,
                    "body": None if request_body is None else json.dumps(request_body)},
        "response": {"status": {"code": status, "message": shapes.REASONS.get(status, "")},
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
    if target.exists() and "recorded" in origins(load(target)):
        return f"kept {target.name}: it holds real recordings"
    target.parent.mkdir(parents=True, exist_ok=True)
    module = source(notebook)
    data = cassette(module.interactions(), module.REFERENCES, module.NOTE)
    write(target, data)
    return f"wrote {target.name} ({len(data['interactions'])} interactions)"


def main(argv):
    sources = RECORDINGS / "sources"
    names = argv or sorted(str(p.relative_to(sources).with_suffix("")) for p in sources.rglob("[0-9]*.py"))
    for name in names:
        print(build(name))


if __name__ == "__main__":
    main(sys.argv[1:])
