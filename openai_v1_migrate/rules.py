"""The legacy patterns the checker knows, as data: what replaces each one, where that replacement is documented, and
what --fix writes instead (the v1 method, the renamed keyword, the error class).

A rule's `source` names the guide section (shared/guides) or, for what the guides do not cover, the section of the
openai-python README (openai 3.54.0, in the package's METADATA) that documents the v1 replacement.
"""

from dataclasses import dataclass

from openai_v1_migrate.kinds import RuleId
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
    id: RuleId
    replacement: str
    source: str


@dataclass(frozen=True)
class CallRule(Rule):
    """A legacy call, or a call on an azure-ai-inference client: the openai>=1 method --fix calls instead (None: it
    has none), whether that method needs model= and whether Azure OpenAI serves it."""
    v1_method: str | None = None
    needs_model: bool = False
    on_azure: bool = True


@dataclass(frozen=True)
class KeywordRule(Rule):
    """A keyword of a legacy or azure-ai-inference call: the openai>=1 keyword --fix renames it to (None: none)."""
    rename: str | None = None


@dataclass(frozen=True)
class SettingRule(Rule):
    """openai.<setting> = ...: whether --fix moves it into the one client it makes, and whether openai>=1 ignores it
    (rather than read it for its own module-level client)."""
    client: bool = False
    ignored: bool = False


@dataclass(frozen=True)
class ClientRule(Rule):
    """An azure-ai-inference client class: the method its clients serve, whose keywords it may take as defaults
    (None: --fix makes no client of it)."""
    serves: str | None = None


# openai.<Symbol>.<method>(...): the legacy resource classes that openai>=1 keeps only to raise APIRemovedInV1
LEGACY_CALLS = {
    ("Completion", "create"): CallRule(RuleId.LEGACY_CALL, "client.completions.create(model=<deployment>, prompt=...)",
                                       GUIDE_003_CALL, "completions.create", needs_model=True),
    ("ChatCompletion", "create"): CallRule(RuleId.LEGACY_CALL,
                                           "client.chat.completions.create(model=<deployment>, messages=...)",
                                           GUIDE_001_CHAT, "chat.completions.create", needs_model=True),
    ("Embedding", "create"): CallRule(RuleId.LEGACY_CALL, "client.embeddings.create(model=<deployment>, input=...)",
                                      GUIDE_001_EMBEDDINGS, "embeddings.create", needs_model=True),
    ("Moderation", "create"): CallRule(RuleId.LEGACY_CALL, "client.moderations.create(input=...) with OpenAI(); Azure "
                                       "OpenAI has no moderations route: its content filters annotate every answer",
                                       README_USAGE, "moderations.create", on_azure=False),
    ("Model", "list"): CallRule(RuleId.LEGACY_CALL, "client.models.list()", README_USAGE, "models.list"),
    ("Model", "retrieve"): CallRule(RuleId.LEGACY_CALL, "client.models.retrieve(<model>)", README_USAGE,
                                    "models.retrieve"),
}
ASYNC_CALL = ("{sync} on an AsyncOpenAI() or AsyncAzureOpenAI(...) client, awaited: "
              "await client.{resource}.create(...)")
ASYNC_METHODS = {f"a{method}" for _, method in LEGACY_CALLS}  # acreate, alist, aretrieve
# the symbols with a create(), and the client's resource that has it
ASYNC_RESOURCES = {symbol: rule.v1_method.removesuffix(".create") for (symbol, method), rule in LEGACY_CALLS.items()
                   if method == "create"}
LEGACY_SYMBOLS = ("Edit", "File", "Audio", "Image", "Model", "Engine", "Customer", "FineTune", "Embedding",
                  "Completion", "Deployment", "Moderation", "ErrorObject", "FineTuningJob", "ChatCompletion")
LEGACY_SYMBOL = Rule(RuleId.LEGACY_CALL, "the client's resource (client.completions, client.chat.completions, ...)",
                     README_USAGE)

# openai.error.<Name>: the openai>=1 class (or classes) raised for the same HTTP answers (openai 0.28.1
# api_requestor.py)
LEGACY_ERRORS = {
    "RateLimitError": ("RateLimitError",),
    "InvalidRequestError": ("BadRequestError", "NotFoundError"),  # 0.28.1 raised it for 400 and 404
    "AuthenticationError": ("AuthenticationError",),
    "PermissionError": ("PermissionDeniedError",),
    "TryAgain": ("ConflictError",),  # 409
    "ServiceUnavailableError": ("InternalServerError",),  # 503; v1's class covers every status >= 500
    "APIError": ("APIStatusError",),  # any other error status
    "Timeout": ("APITimeoutError",),
    "APIConnectionError": ("APIConnectionError",),
    "OpenAIError": ("OpenAIError",),
}


def error_rule(name):
    classes = [f"openai.{v1}" for v1 in LEGACY_ERRORS.get(name, ())]
    if not classes:
        return Rule(RuleId.LEGACY_ERROR, "no openai>=1 equivalent: remove the handler, or catch openai.OpenAIError",
                    README_ERRORS)
    shown = classes[0] if len(classes) == 1 else f"({', '.join(classes)})"
    return Rule(RuleId.LEGACY_ERROR, f"except {shown}: openai.error is gone in openai>=1, so this except clause "
                "raises AttributeError when an error happens", README_ERRORS)

ERROR_MODULE = Rule(RuleId.LEGACY_ERROR, "the error classes are openai.RateLimitError, openai.APIError, ... in "
                    "openai>=1", README_ERRORS)  # import openai.error

# openai.<setting> = ...: the legacy module's settings. The ones openai>=1 ignores are always reported; the others
# are still defined in openai>=1 for its module-level client, so they are reported only in code that provably uses
# the legacy API (there they configure the legacy client, which the migration replaces). --fix makes one client of
# the settings marked client, in this order of precedence when two are set on one line.
SETTINGS = {
    "api_type": SettingRule(RuleId.LEGACY_SETTING, "create the client you mean: openai.AzureOpenAI(azure_endpoint=..., "
                            f'...) or OpenAI(base_url="{V1_URL}")', GUIDE_003_CONFIG, client=True),
    "api_base": SettingRule(RuleId.LEGACY_SETTING, "pass azure_endpoint= to openai.AzureOpenAI(...) or base_url= to "
                            "openai.OpenAI(...) (openai>=1 ignores api_base)", GUIDE_003_CONFIG, client=True,
                            ignored=True),
    "api_version": SettingRule(RuleId.LEGACY_SETTING, "pass api_version= to openai.AzureOpenAI(...); "
                               'OpenAI(base_url=".../openai/v1/") needs none', GUIDE_003_CONFIG, client=True),
    "api_key": SettingRule(RuleId.LEGACY_SETTING, "pass api_key= to the client, or "
                           "azure_ad_token_provider=get_bearer_token_provider(...) for Entra ID", GUIDE_003_CONFIG,
                           client=True),
    "requestssession": SettingRule(RuleId.LEGACY_SETTING, "azure_ad_token_provider=get_bearer_token_provider(...) "
                                   "refreshes tokens (openai>=1 ignores requestssession)", GUIDE_003_ENTRA,
                                   ignored=True),
    "proxy": SettingRule(RuleId.LEGACY_SETTING, 'http_client=DefaultHttpx2Client(proxy="...") on the client '
                         "(openai>=1 ignores openai.proxy)", README_HTTP_CLIENT, ignored=True),
    "aiosession": SettingRule(RuleId.LEGACY_SETTING, "http_client=DefaultAsyncHttpx2Client(...) on AsyncOpenAI(...) "
                              "(openai>=1 ignores aiosession)", README_HTTP_CLIENT, ignored=True),
    "api_key_path": SettingRule(RuleId.LEGACY_SETTING, "read the key yourself and pass api_key= to the client "
                                "(openai>=1 ignores api_key_path)", README_USAGE, ignored=True),
    "organization": SettingRule(RuleId.LEGACY_SETTING, "pass organization= to OpenAI(...)", README_USAGE),
}
IGNORED_SETTINGS = {name: rule for name, rule in SETTINGS.items() if rule.ignored}
LEGACY_CLIENT_SETTINGS = {name: rule for name, rule in SETTINGS.items() if not rule.ignored}
V1_API_TYPES = ("openai", "azure", "amazon-bedrock")  # openai 3.54.0 __init__.py, _ApiType
BAD_API_TYPE = Rule(RuleId.LEGACY_SETTING, "openai>=1 accepts api_type 'openai', 'azure' or 'amazon-bedrock' only: "
                    "create openai.AzureOpenAI(azure_endpoint=..., azure_ad_token_provider=...) instead",
                    GUIDE_003_ENTRA)

# keywords of a legacy call
LEGACY_KEYWORDS = {
    "deployment_id": KeywordRule(RuleId.LEGACY_KEYWORD, "model=<deployment name>", GUIDE_003_CALL, "model"),
    "engine": KeywordRule(RuleId.LEGACY_KEYWORD, "model=<deployment name>", GUIDE_003_CALL, "model"),
    "request_timeout": KeywordRule(RuleId.LEGACY_KEYWORD, "timeout= (seconds, or an httpx2.Timeout) on the call or the "
                                   "client", README_TIMEOUTS, "timeout"),
    "api_base": KeywordRule(RuleId.LEGACY_KEYWORD, "a client made with azure_endpoint= or base_url=",
                            GUIDE_003_CONFIG),
    "api_key": KeywordRule(RuleId.LEGACY_KEYWORD, "a client made with api_key=", GUIDE_003_CONFIG),
    "api_type": KeywordRule(RuleId.LEGACY_KEYWORD, "a client of the right class (AzureOpenAI or OpenAI)",
                            GUIDE_003_CONFIG),
    "api_version": KeywordRule(RuleId.LEGACY_KEYWORD, "a client made with api_version=", GUIDE_003_CONFIG),
}

LEGACY_DICT = Rule(RuleId.LEGACY_DICT, "{attributes} (openai>=1 returns objects, not dicts)", README_TYPES)
V1_DICT = Rule(RuleId.V1_SUBSCRIPT, "{attributes} (this is an openai>=1 object, which is not subscriptable: "
               "TypeError)", README_TYPES)

# azure.ai.inference names, and the methods of its clients
INFERENCE_IMPORT = Rule(RuleId.INFERENCE_IMPORT, f"from openai import OpenAI ({RETIRED})", GUIDE_001_CLIENT)
INFERENCE_ASYNC_IMPORT = Rule(RuleId.INFERENCE_IMPORT, f"from openai import AsyncOpenAI ({RETIRED})",
                              GUIDE_001_CLIENT)
@dataclass(frozen=True)
class ModelDict:
    """An azure.ai.inference.models class as the dict openai>=1 takes."""
    fixed: dict  # the keys every such dict has, and their values
    fields: tuple  # the class's fields, in positional order
    nested: str | None = None  # the key the fields sit under, when not at the top


# azure.ai.inference.models classes as dicts
MODEL_DICTS = {
    "SystemMessage": ModelDict({"role": "system"}, ("content",)),
    "UserMessage": ModelDict({"role": "user"}, ("content",)),
    "AssistantMessage": ModelDict({"role": "assistant"}, ("content", "tool_calls")),
    "DeveloperMessage": ModelDict({"role": "developer"}, ("content",)),
    "ToolMessage": ModelDict({"role": "tool"}, ("content", "tool_call_id")),
    "TextContentItem": ModelDict({"type": "text"}, ("text",)),
    "ImageContentItem": ModelDict({"type": "image_url"}, ("image_url",)),
    "ImageUrl": ModelDict({}, ("url", "detail")),
    "ChatCompletionsToolDefinition": ModelDict({"type": "function"}, ("function",)),
    "FunctionDefinition": ModelDict({}, ("name", "description", "parameters")),
    "ChatCompletionsNamedToolChoice": ModelDict({"type": "function"}, ("function",)),
    "ChatCompletionsNamedToolChoiceFunction": ModelDict({}, ("name",)),
    "ChatCompletionsToolCall": ModelDict({"type": "function"}, ("id", "function")),
    "FunctionCall": ModelDict({}, ("name", "arguments")),
    "JsonSchemaFormat": ModelDict({"type": "json_schema"}, ("name", "schema", "description", "strict"),
                                  nested="json_schema"),
}
MODEL_ENUMS = {
    "ChatRole": ("system", "user", "assistant", "tool", "developer"),
    "CompletionsFinishReason": ("stop", "length", "content_filter", "tool_calls"),
    "ChatCompletionsToolChoicePreset": ("auto", "none", "required"),
    "ImageDetailLevel": ("auto", "low", "high"),
    "EmbeddingEncodingFormat": ("base64", "binary", "float", "int8", "ubinary", "uint8"),
}


def _listed(values, last="and"):
    quoted = [f'"{value}"' for value in values]
    return f"{', '.join(quoted[:-1])} {last} {quoted[-1]}"


# from azure.ai.inference.models import <name>: what each name becomes in openai>=1 (lesson 10's mapping)
_MESSAGE = '{{"role": "{role}", "content": ...}}'
_TYPES = "the type openai.types.{0} (annotations only; the client returns it)"
INFERENCE_MODELS = {
    **{name: _MESSAGE.format(role=MODEL_DICTS[name].fixed["role"])
       for name in ("SystemMessage", "UserMessage", "AssistantMessage", "DeveloperMessage")},
    "ToolMessage": '{"role": "tool", "tool_call_id": ..., "content": ...}',
    "ChatRequestMessage": "a message dict (openai.types.chat.ChatCompletionMessageParam)",
    "TextContentItem": '{"type": "text", "text": ...}',
    "ImageContentItem": '{"type": "image_url", "image_url": {"url": ...}}',
    "ImageUrl": '{"url": ...} inside {"type": "image_url", ...}; for ImageUrl.load, a data: URL you build with base64',
    "ImageDetailLevel": f'the string {_listed(MODEL_ENUMS["ImageDetailLevel"], "or")} as "detail"',
    "AudioContentItem": '{"type": "input_audio", "input_audio": {"data": ..., "format": ...}}',
    "InputAudio": '{"data": ..., "format": ...} inside {"type": "input_audio", ...}',
    "AudioContentFormat": 'the string "wav" or "mp3"',
    "ContentItem": "a content part dict (openai.types.chat.ChatCompletionContentPartParam)",
    "ChatCompletionsToolDefinition": 'tools=[{"type": "function", "function": {"name": ..., "parameters": ...}}]',
    "FunctionDefinition": '{"name": ..., "description": ..., "parameters": ...} inside {"type": "function", ...}',
    "ChatCompletionsNamedToolChoice": 'tool_choice={"type": "function", "function": {"name": ...}}',
    "ChatCompletionsNamedToolChoiceFunction": '{"name": ...} inside tool_choice={"type": "function", ...}',
    "ChatCompletionsToolChoicePreset": f'tool_choice={_listed(MODEL_ENUMS["ChatCompletionsToolChoicePreset"], "or")}',
    "ChatCompletionsToolCall": '{"id": ..., "type": "function", "function": {"name": ..., "arguments": ...}}',
    "FunctionCall": '{"name": ..., "arguments": ...} inside a tool call dict',
    "JsonSchemaFormat": 'response_format={"type": "json_schema", "json_schema": {"name": ..., "schema": ..., '
                        '"strict": ...}}',
    "ChatRole": f'the strings {_listed(MODEL_ENUMS["ChatRole"])}',
    "CompletionsFinishReason": f'the strings {_listed(MODEL_ENUMS["CompletionsFinishReason"])}',
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
    return Rule(RuleId.INFERENCE_IMPORT, f"{advice} ({RETIRED})", GUIDE_001_CHAT)


_TO_OPENAI = f'OpenAI(base_url="{V1_URL}", api_key=...) ({RETIRED})'
INFERENCE_CONSTRUCTORS = {
    "ChatCompletionsClient": ClientRule(RuleId.INFERENCE_CLIENT, _TO_OPENAI, GUIDE_001_CLIENT, "complete"),
    "EmbeddingsClient": ClientRule(RuleId.INFERENCE_CLIENT, _TO_OPENAI, GUIDE_001_CLIENT, "embed"),
    "ImageEmbeddingsClient": ClientRule(RuleId.INFERENCE_CLIENT, f"no v1 equivalent on Azure OpenAI ({RETIRED})",
                                        GUIDE_001_CLIENT),
    "load_client": ClientRule(RuleId.INFERENCE_CLIENT, _TO_OPENAI, GUIDE_001_CLIENT),
}
INFERENCE_METHODS = {
    "complete": CallRule(RuleId.INFERENCE_CALL, "client.chat.completions.create(model=..., messages=...) "
                         f"({RETIRED})", GUIDE_001_CHAT, "chat.completions.create"),
    "embed": CallRule(RuleId.INFERENCE_CALL, f"client.embeddings.create(model=..., input=...) ({RETIRED})",
                      GUIDE_001_EMBEDDINGS, "embeddings.create"),
    "get_model_info": CallRule(RuleId.INFERENCE_CALL, "nothing: the deployment name you pass as model= is the model "
                               f"({RETIRED})", GUIDE_001_CHAT),
}
CLIENT_DEFAULT = Rule(RuleId.INFERENCE_KEYWORD, "{keyword}= on each call (an OpenAI client takes no request defaults "
                      f"and would drop it) ({RETIRED})", GUIDE_001_CHAT)
# what an OpenAI client keeps (headers= as default_headers=)
CLIENT_KEYWORDS = ("endpoint", "credential", "credential_scopes", "api_version", "headers")
UNKNOWN_PARAMS = KeywordRule(RuleId.INFERENCE_KEYWORD, "nothing: v1 sends no extra-parameters header; pass the extra "
                             f"keys in extra_body={{...}} ({RETIRED})", GUIDE_001_CHAT)
# keywords of complete() with no keyword of the same name in openai>=1
INFERENCE_KEYWORDS = {
    "model_extras": KeywordRule(RuleId.INFERENCE_KEYWORD, f"extra_body={{...}} ({RETIRED})", GUIDE_001_CHAT,
                                "extra_body"),
    "hyper_params": UNKNOWN_PARAMS,
    "unknown_params": UNKNOWN_PARAMS,
}
INFERENCE_BODY = Rule(RuleId.INFERENCE_KEYWORD, "the request's fields as keywords of "
                      "client.chat.completions.create(...) or client.embeddings.create(...): v1 takes no positional "
                      f"body ({RETIRED})", GUIDE_001_CHAT)
V1_NO_METHOD = Rule(RuleId.V1_METHOD, "an OpenAI client has no such method: client.chat.completions.create(...), "
                    "client.embeddings.create(...)", README_USAGE)
LEGACY_DICT_METHOD = Rule(RuleId.LEGACY_DICT, "{advice} (openai>=1 returns objects, not dicts)", README_TYPES)
V1_DICT_METHOD = Rule(RuleId.V1_SUBSCRIPT, "{advice} (this is an openai>=1 object, not a dict)", README_TYPES)

# openai>=1's exception classes and their parents (openai 3.54.0 _exceptions.py): a handler for a class placed
# after a handler for one of its parents never runs
V1_ERROR_PARENTS = {
    "APIError": "OpenAIError", "APIStatusError": "APIError", "APIConnectionError": "APIError",
    "APITimeoutError": "APIConnectionError", "APIResponseValidationError": "APIError",
    **{name: "APIStatusError" for name in ("BadRequestError", "AuthenticationError", "PermissionDeniedError",
                                           "NotFoundError", "ConflictError", "UnprocessableEntityError",
                                           "RateLimitError", "InternalServerError")},
}


def ancestors(name):
    """The parent classes of an openai>=1 exception class, nearest first."""
    found = []
    while name in V1_ERROR_PARENTS:
        name = V1_ERROR_PARENTS[name]
        found.append(name)
    return found


UNREACHABLE_HANDLER = Rule(RuleId.UNREACHABLE_HANDLER, "put this handler before the one for {parent}, its parent "
                           "class, or it never runs", README_ERRORS)

SYNTAX_ERROR = Rule(RuleId.SYNTAX_ERROR, "{message}; not checked", "Python's grammar")
UNREADABLE = Rule(RuleId.UNREADABLE, "save it as UTF-8 text (or a valid notebook); not checked",
                  "the file's encoding")

