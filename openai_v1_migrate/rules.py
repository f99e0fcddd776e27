"""The legacy patterns the checker knows, as data: what replaces each one, and where that replacement is documented.

A rule's `source` names the guide section (shared/guides) or, for what the guides do not cover, the section of the
openai-python README (openai 3.54.0, in the package's METADATA) that documents the v1 replacement.
"""

from dataclasses import dataclass

from openai_v1_migrate.retirements import AZURE_AI_INFERENCE

RETIRED = f"azure-ai-inference: retired {AZURE_AI_INFERENCE.date}; move to OpenAI v1, see {AZURE_AI_INFERENCE.lesson}"
V1_URL = "https://<resource>.openai.azure.com/openai/v1/"

GUIDE_001_CLIENT = "guide 001, Client configuration"
GUIDE_001_CHAT = "guide 001, Chat completions"
GUIDE_001_STREAMING = "guide 001, Streaming"
GUIDE_001_EMBEDDINGS = "guide 001, Embeddings"
GUIDE_001_ERRORS = "guide 001, Error handling"
GUIDE_003_CONFIG = "guide 003, Steps 2 and 3 (notebook 09, Step 1)"
GUIDE_003_ENTRA = "guide 003, Option B (notebook 09, Step 4)"
GUIDE_003_CALL = "guide 003, Step 5 (notebook 09, Step 1)"
README_ERRORS = "openai README, Handling errors"
README_TIMEOUTS = "openai README, Timeouts"
README_HTTP_CLIENT = "openai README, Configuring the HTTP client"
README_ASYNC = "openai README, Async usage"
README_USAGE = "openai README, Usage"
README_TYPES = "openai README, Using types"


@dataclass(frozen=True)
class Rule:
    id: str
    replacement: str
    source: str


def rule(id, replacement, source):
    return Rule(id, replacement, source)


# openai.<Symbol>.<method>(...): the legacy resource classes that openai>=1 keeps only to raise APIRemovedInV1
LEGACY_CALLS = {
    ("Completion", "create"): rule("legacy-call", "client.completions.create(model=<deployment>, prompt=...)",
                                   GUIDE_003_CALL),
    ("ChatCompletion", "create"): rule("legacy-call",
                                       "client.chat.completions.create(model=<deployment>, messages=...)",
                                       GUIDE_001_CHAT),
    ("Embedding", "create"): rule("legacy-call", "client.embeddings.create(model=<deployment>, input=...)",
                                  GUIDE_001_EMBEDDINGS),
    ("Moderation", "create"): rule("legacy-call", "client.moderations.create(input=...) with OpenAI(); Azure OpenAI "
                                   "has no moderations route: its content filters annotate every answer",
                                   README_USAGE),
    ("Model", "list"): rule("legacy-call", "client.models.list()", README_USAGE),
    ("Model", "retrieve"): rule("legacy-call", "client.models.retrieve(<model>)", README_USAGE),
}
ASYNC_CALL = ("{sync} on an AsyncOpenAI() or AsyncAzureOpenAI(...) client, awaited: "
              "await client.{resource}.create(...)")
ASYNC_RESOURCES = {"Completion": "completions", "ChatCompletion": "chat.completions", "Embedding": "embeddings",
                   "Moderation": "moderations"}
LEGACY_SYMBOLS = ("Edit", "File", "Audio", "Image", "Model", "Engine", "Customer", "FineTune", "Embedding",
                  "Completion", "Deployment", "Moderation", "ErrorObject", "FineTuningJob", "ChatCompletion")
LEGACY_SYMBOL = rule("legacy-call", "the client's resource (client.completions, client.chat.completions, ...)",
                     README_USAGE)

# openai.error.<Name>: the v1 class (or classes) raised for the same HTTP answers (openai 0.28.1 api_requestor.py)
LEGACY_ERRORS = {
    "RateLimitError": ("openai.RateLimitError",),
    "InvalidRequestError": ("openai.BadRequestError", "openai.NotFoundError"),  # 0.28.1 raised it for 400 and 404
    "AuthenticationError": ("openai.AuthenticationError",),
    "PermissionError": ("openai.PermissionDeniedError",),
    "TryAgain": ("openai.ConflictError",),  # 409
    "ServiceUnavailableError": ("openai.InternalServerError",),  # 503; v1's class covers every status >= 500
    "APIError": ("openai.APIStatusError",),  # any other error status
    "Timeout": ("openai.APITimeoutError",),
    "APIConnectionError": ("openai.APIConnectionError",),
    "OpenAIError": ("openai.OpenAIError",),
}


def error_rule(name):
    classes = LEGACY_ERRORS.get(name)
    if classes is None:
        return rule("legacy-error", "no openai>=1 equivalent: remove the handler, or catch openai.OpenAIError",
                    README_ERRORS)
    shown = classes[0] if len(classes) == 1 else f"({', '.join(classes)})"
    return rule("legacy-error", f"except {shown}: openai.error is gone in openai>=1, so this except clause raises "
                "AttributeError when an error happens", README_ERRORS)


# openai.<setting> = ...: module settings that openai>=1 does not read at all
IGNORED_SETTINGS = {
    "api_base": rule("legacy-setting", "pass azure_endpoint= to openai.AzureOpenAI(...) or base_url= to "
                     "openai.OpenAI(...) (openai>=1 ignores api_base)", GUIDE_003_CONFIG),
    "requestssession": rule("legacy-setting", "azure_ad_token_provider=get_bearer_token_provider(...) refreshes "
                            "tokens (openai>=1 ignores requestssession)", GUIDE_003_ENTRA),
    "aiosession": rule("legacy-setting", "http_client=DefaultAsyncHttpx2Client(...) on AsyncOpenAI(...) "
                       "(openai>=1 ignores aiosession)", README_HTTP_CLIENT),
    "proxy": rule("legacy-setting", 'http_client=DefaultHttpx2Client(proxy="...") on the client '
                  "(openai>=1 ignores openai.proxy)", README_HTTP_CLIENT),
    "api_key_path": rule("legacy-setting", "read the key yourself and pass api_key= to the client "
                         "(openai>=1 ignores api_key_path)", README_USAGE),
}
# openai.<setting> = ...: still defined in openai>=1 for its module-level client, so reported only in code that
# provably uses the legacy API (there they configure the legacy client, which the migration replaces)
LEGACY_CLIENT_SETTINGS = {
    "api_type": rule("legacy-setting", "create the client you mean: openai.AzureOpenAI(azure_endpoint=..., ...) "
                     f'or OpenAI(base_url="{V1_URL}")', GUIDE_003_CONFIG),
    "api_version": rule("legacy-setting", "pass api_version= to openai.AzureOpenAI(...); "
                        'OpenAI(base_url=".../openai/v1/") needs none', GUIDE_003_CONFIG),
    "api_key": rule("legacy-setting", "pass api_key= to the client, or "
                    "azure_ad_token_provider=get_bearer_token_provider(...) for Entra ID", GUIDE_003_CONFIG),
    "organization": rule("legacy-setting", "pass organization= to OpenAI(...)", README_USAGE),
}
V1_API_TYPES = ("openai", "azure", "amazon-bedrock")  # openai 3.54.0 __init__.py, _ApiType
BAD_API_TYPE = rule("legacy-setting", "openai>=1 accepts api_type 'openai', 'azure' or 'amazon-bedrock' only: "
                    "create openai.AzureOpenAI(azure_endpoint=..., azure_ad_token_provider=...) instead",
                    GUIDE_003_ENTRA)

# keywords of a legacy call
LEGACY_KEYWORDS = {
    "deployment_id": rule("legacy-keyword", "model=<deployment name>", GUIDE_003_CALL),
    "engine": rule("legacy-keyword", "model=<deployment name>", GUIDE_003_CALL),
    "request_timeout": rule("legacy-keyword", "timeout= (seconds, or an httpx2.Timeout) on the call or the client",
                            README_TIMEOUTS),
    "api_base": rule("legacy-keyword", "a client made with azure_endpoint= or base_url=", GUIDE_003_CONFIG),
    "api_key": rule("legacy-keyword", "a client made with api_key=", GUIDE_003_CONFIG),
    "api_type": rule("legacy-keyword", "a client of the right class (AzureOpenAI or OpenAI)", GUIDE_003_CONFIG),
    "api_version": rule("legacy-keyword", "a client made with api_version=", GUIDE_003_CONFIG),
}

LEGACY_DICT = rule("legacy-dict", "{attributes} (openai>=1 returns objects, not dicts)", README_TYPES)
V1_DICT = rule("v1-subscript", "{attributes} (this is an openai>=1 object, which is not subscriptable: "
               "TypeError)", README_TYPES)

# azure.ai.inference names, and the methods of its clients
INFERENCE_IMPORT = rule("inference-import", f"from openai import OpenAI ({RETIRED})", GUIDE_001_CLIENT)
INFERENCE_ASYNC_IMPORT = rule("inference-import", f"from openai import AsyncOpenAI ({RETIRED})", GUIDE_001_CLIENT)
# from azure.ai.inference.models import <name>: what each name becomes in openai>=1 (lesson 10's mapping)
_MESSAGE = '{{"role": "{role}", "content": ...}}'
_TYPES = "the type openai.types.{0} (annotations only; the client returns it)"
INFERENCE_MODELS = {
    **{name: _MESSAGE.format(role=role) for name, role in (
        ("SystemMessage", "system"), ("UserMessage", "user"), ("AssistantMessage", "assistant"),
        ("DeveloperMessage", "developer"))},
    "ToolMessage": '{"role": "tool", "tool_call_id": ..., "content": ...}',
    "ChatRequestMessage": "a message dict (openai.types.chat.ChatCompletionMessageParam)",
    "TextContentItem": '{"type": "text", "text": ...}',
    "ImageContentItem": '{"type": "image_url", "image_url": {"url": ...}}',
    "ImageUrl": '{"url": ...} inside {"type": "image_url", ...}; for ImageUrl.load, a data: URL you build with base64',
    "ImageDetailLevel": 'the string "auto", "low" or "high" as "detail"',
    "AudioContentItem": '{"type": "input_audio", "input_audio": {"data": ..., "format": ...}}',
    "InputAudio": '{"data": ..., "format": ...} inside {"type": "input_audio", ...}',
    "AudioContentFormat": 'the string "wav" or "mp3"',
    "ContentItem": "a content part dict (openai.types.chat.ChatCompletionContentPartParam)",
    "ChatCompletionsToolDefinition": 'tools=[{"type": "function", "function": {"name": ..., "parameters": ...}}]',
    "FunctionDefinition": '{"name": ..., "description": ..., "parameters": ...} inside {"type": "function", ...}',
    "ChatCompletionsNamedToolChoice": 'tool_choice={"type": "function", "function": {"name": ...}}',
    "ChatCompletionsNamedToolChoiceFunction": '{"name": ...} inside tool_choice={"type": "function", ...}',
    "ChatCompletionsToolChoicePreset": 'tool_choice="auto", "none" or "required"',
    "ChatCompletionsToolCall": '{"id": ..., "type": "function", "function": {"name": ..., "arguments": ...}}',
    "FunctionCall": '{"name": ..., "arguments": ...} inside a tool call dict',
    "JsonSchemaFormat": 'response_format={"type": "json_schema", "json_schema": {"name": ..., "schema": ..., '
                        '"strict": ...}}',
    "ChatRole": 'the strings "system", "user", "assistant", "tool" and "developer"',
    "CompletionsFinishReason": 'the strings "stop", "length", "content_filter" and "tool_calls"',
    "EmbeddingEncodingFormat": 'encoding_format="float" or "base64" on client.embeddings.create(...)',
    "EmbeddingInputType": "nothing: Azure OpenAI embeddings take no input_type=, drop it",
    "ImageEmbeddingInput": "nothing: Azure OpenAI v1 has no image embeddings route",
    "EmbeddingInput": "nothing: Azure OpenAI v1 has no image embeddings route",
    "ModelInfo": "nothing: v1 has no /info route; the deployment name you pass as model= is the model",
    "ModelType": "nothing: v1 has no /info route",
    "ChatCompletions": _TYPES.format("chat.ChatCompletion"),
    "ChatChoice": _TYPES.format("chat.chat_completion.Choice"),
    "ChatResponseMessage": _TYPES.format("chat.ChatCompletionMessage"),
    "CompletionsUsage": _TYPES.format("CompletionUsage"),
    "StreamingChatCompletions": "the stream client.chat.completions.create(..., stream=True) returns",
    "AsyncStreamingChatCompletions": "the stream await client.chat.completions.create(..., stream=True) returns",
    "StreamingChatCompletionsUpdate": _TYPES.format("chat.ChatCompletionChunk"),
    "StreamingChatChoiceUpdate": _TYPES.format("chat.chat_completion_chunk.Choice"),
    "StreamingChatResponseMessageUpdate": _TYPES.format("chat.chat_completion_chunk.ChoiceDelta"),
    "StreamingChatResponseToolCallUpdate": _TYPES.format("chat.chat_completion_chunk.ChoiceDeltaToolCall"),
    "EmbeddingsResult": _TYPES.format("CreateEmbeddingResponse"),
    "EmbeddingItem": _TYPES.format("Embedding"),
    "EmbeddingsUsage": _TYPES.format("create_embedding_response.Usage"),
}


def inference_model_rule(name):
    advice = INFERENCE_MODELS.get(name, "see notebook 08's table of azure.ai.inference.models names")
    return rule("inference-import", f"{advice} ({RETIRED})", GUIDE_001_CHAT)


INFERENCE_CONSTRUCTORS = {
    "ChatCompletionsClient": rule("inference-client", f'OpenAI(base_url="{V1_URL}", api_key=...) ({RETIRED})',
                                  GUIDE_001_CLIENT),
    "EmbeddingsClient": rule("inference-client", f'OpenAI(base_url="{V1_URL}", api_key=...) ({RETIRED})',
                             GUIDE_001_CLIENT),
    "ImageEmbeddingsClient": rule("inference-client", f"no v1 equivalent on Azure OpenAI ({RETIRED})",
                                  GUIDE_001_CLIENT),
    "load_client": rule("inference-client", f'OpenAI(base_url="{V1_URL}", api_key=...) ({RETIRED})',
                        GUIDE_001_CLIENT),
}
INFERENCE_METHODS = {
    "complete": rule("inference-call", f"client.chat.completions.create(model=..., messages=...) ({RETIRED})",
                     GUIDE_001_CHAT),
    "embed": rule("inference-call", f"client.embeddings.create(model=..., input=...) ({RETIRED})",
                  GUIDE_001_EMBEDDINGS),
    "get_model_info": rule("inference-call", "nothing: the deployment name you pass as model= is the model "
                           f"({RETIRED})", GUIDE_001_CHAT),
}
MODEL_EXTRAS = rule("inference-keyword", f"extra_body={{...}} ({RETIRED})", GUIDE_001_CHAT)
CLIENT_DEFAULT = rule("inference-keyword", "{keyword}= on each call (an OpenAI client takes no request defaults and "
                      f"would drop it) ({RETIRED})", GUIDE_001_CHAT)
CLIENT_KEYWORDS = ("endpoint", "credential", "credential_scopes", "api_version")  # what an OpenAI client keeps
UNKNOWN_PARAMS = rule("inference-keyword", "nothing: v1 sends no extra-parameters header; pass the extra keys in "
                      f"extra_body={{...}} ({RETIRED})", GUIDE_001_CHAT)
INFERENCE_BODY = rule("inference-keyword", "the request's fields as keywords of client.chat.completions.create(...) or "
                      f"client.embeddings.create(...): v1 takes no positional body ({RETIRED})", GUIDE_001_CHAT)
V1_NO_METHOD = rule("v1-method", "an OpenAI client has no such method: client.chat.completions.create(...), "
                    "client.embeddings.create(...)", README_USAGE)
LEGACY_DICT_METHOD = rule("legacy-dict", "{advice} (openai>=1 returns objects, not dicts)", README_TYPES)
V1_DICT_METHOD = rule("v1-subscript", "{advice} (this is an openai>=1 object, not a dict)", README_TYPES)

# openai>=1's exception classes and their parents (openai 3.54.0 _exceptions.py): a handler for a class placed
# after a handler for one of its parents never runs
V1_ERROR_PARENTS = {
    "APIError": "OpenAIError", "APIStatusError": "APIError", "APIConnectionError": "APIError",
    "APITimeoutError": "APIConnectionError", "APIResponseValidationError": "APIError",
    **{name: "APIStatusError" for name in ("BadRequestError", "AuthenticationError", "PermissionDeniedError",
                                           "NotFoundError", "ConflictError", "UnprocessableEntityError",
                                           "RateLimitError", "InternalServerError")},
}
UNREACHABLE_HANDLER = rule("unreachable-handler", "put this handler before the one for {parent}, its parent class, "
                           "or it never runs", README_ERRORS)

SYNTAX_ERROR = rule("syntax-error", "{message}; not checked", "Python's grammar")
UNREADABLE = rule("unreadable", "save it as UTF-8 text (or a valid notebook); not checked", "the file's encoding")

DESCRIPTIONS = {
    "legacy-call": "a call of the legacy openai<1.0 API, which openai>=1 removed",
    "legacy-error": "an openai.error class, which openai>=1 removed",
    "legacy-setting": "a module setting of the legacy openai<1.0 client",
    "legacy-keyword": "a keyword of the legacy openai<1.0 API",
    "legacy-dict": "dict access on a legacy openai<1.0 answer",
    "v1-subscript": "dict access on an openai>=1 object, which is not subscriptable",
    "inference-import": f"an import of azure-ai-inference, which was retired on {AZURE_AI_INFERENCE.date}",
    "inference-client": f"an azure-ai-inference client, retired on {AZURE_AI_INFERENCE.date}",
    "inference-call": f"a call on an azure-ai-inference client, retired on {AZURE_AI_INFERENCE.date}",
    "inference-keyword": f"an azure-ai-inference keyword, retired on {AZURE_AI_INFERENCE.date}",
    "v1-method": "a method an openai>=1 client does not have",
    "unreachable-handler": "an except clause that an earlier clause for its parent class makes unreachable",
    "syntax-error": "a file or cell that Python cannot parse, so it was not checked",
    "unreadable": "a file that is not UTF-8 text or not a notebook, so it was not checked",
}
