"""Recording source for 10_beyond_chat: tools, structured output, image input and a reasoning model, each sent by
azure-ai-inference to a Foundry /models endpoint (before) and by openai to Azure OpenAI /openai/v1/ (after)."""

import json

from tools.wire import chat_completion, interaction

REFERENCES = ["model-inference", "azure-openai", "openai-types", "sdk-sources", "real-answers"]
NOTE = ("Synthesized, not recorded live. Answers follow Azure OpenAI's chat completion (2024-06-01 inference.json: "
        "chatCompletionResponseMessage with tool_calls, finish_reason tool_calls; the json_schema response format) "
        "with its content-filter annotations, as the Azure SDK's own recordings of these features hold them "
        "(Azure/azure-sdk-assets python/sdk/ai/azure-ai-inference/tests/recordings/: "
        "test_chat_completions_with_tool.json for the tool round trip, whose assistant message carries content '' "
        "beside tool_calls and whose second request sends the tool_calls back with a role tool message; "
        "test_aoai_chat_completions_with_structured_output.json for json_schema, whose answer is the JSON text in "
        "message.content; test_chat_completions_with_input_image_url.json for the image_url part and its picture, "
        "three juggling balls, at the URL used here). Tool call ids are the kit's short 'call_kit_' form, not real "
        "ones. The reasoning model's usage counts reasoning tokens in completion_tokens_details, as openai's "
        "CompletionUsage describes them; the counts are illustrative. The 400 for max_tokens sent to a reasoning "
        "model is Azure OpenAI's answer as reported live (langgenius/dify#9746, lobehub/lobehub#4315, vercel/ai#3309:"
        " code unsupported_parameter, param max_tokens, type invalid_request_error). That the Foundry /models route "
        "passes max_completion_tokens and reasoning_effort through model_extras to an o4-mini deployment, answering "
        "as /openai/v1/ does, is assumed.")

INFERENCE = "https://example-resource.services.ai.azure.com/models/chat/completions?api-version=2024-05-01-preview"
V1 = "https://example-resource.openai.azure.com/openai/v1/chat/completions"
CHAT_MODEL = "gpt-4o-mini-2024-07-18"
REASONING_MODEL = "o4-mini-2025-04-16"

WEATHER_TOOL = {"type": "function", "function": {
    "name": "get_weather",
    "description": "Get the current weather in a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "The city's name"}},
                   "required": ["city"]},
}}
WEATHER_QUESTION = {"role": "user", "content": "What's the weather in Seattle?"}
WEATHER_RESULT = json.dumps({"city": "Seattle", "temperature_c": 12, "conditions": "light rain"})
WEATHER_ANSWER = "It's 12 °C in Seattle right now, with light rain. Take an umbrella!"

CITY_QUESTION = [{"role": "system", "content": "Extract the city the user describes."},
                 {"role": "user", "content": "The capital of France, home to about 2.1 million people."}]
CITY_JSON = json.dumps({"name": "Paris", "country": "France", "population": 2100000}, separators=(",", ":"))
CITY_SCHEMA = {"type": "object", "properties": {"name": {"type": "string"}, "country": {"type": "string"},
                                                "population": {"type": "integer"}},
               "required": ["name", "country", "population"], "additionalProperties": False}
# The schema openai's parse() derives from the lesson's pydantic model CityInfo (openai/lib/_pydantic.py).
CITY_MODEL_SCHEMA = {"properties": {"name": {"title": "Name", "type": "string"},
                                    "country": {"title": "Country", "type": "string"},
                                    "population": {"title": "Population", "type": "integer"}},
                     "required": ["name", "country", "population"], "title": "CityInfo", "type": "object",
                     "additionalProperties": False}

IMAGE_URL = "https://raw.githubusercontent.com/Azure/azure-sdk-for-python/main/sdk/ai/azure-ai-inference/tests/test_image1.png"
IMAGE_QUESTION = {"role": "user", "content": [{"type": "text", "text": "What's in this image? Answer in one sentence."},
                                              {"type": "image_url", "image_url": {"url": IMAGE_URL}}]}
IMAGE_ANSWER = ("Three soft juggling balls, each in red, blue, yellow and green sections, lie together on a wooden "
                "surface.")

PUZZLE = [{"role": "user", "content": "A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. "
                                      "How much does the ball cost? Answer in one sentence."}]
PUZZLE_ANSWER = "The ball costs $0.05, and the bat costs $1.05."
MAX_TOKENS_REFUSED = {"error": {
    "message": "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' "
               "instead.",
    "type": "invalid_request_error", "param": "max_tokens", "code": "unsupported_parameter"}}


def tool_call(call_id, name, arguments, id):
    """An answer that calls one tool: content null beside tool_calls, finish_reason tool_calls (inference.json)."""
    body = chat_completion(None, CHAT_MODEL, prompt_tokens=64, completion_tokens=15, azure_openai=True, id=id,
                           finish_reason="tool_calls")
    body["choices"][0]["message"]["tool_calls"] = [
        {"id": call_id, "type": "function", "function": {"name": name, "arguments": json.dumps(arguments)}}]
    return body


def reasoning(answer, id):
    """A reasoning model's answer: its completion tokens include the reasoning tokens it did not show."""
    body = chat_completion(answer, REASONING_MODEL, prompt_tokens=45, completion_tokens=210, azure_openai=True, id=id)
    body["usage"]["completion_tokens_details"]["reasoning_tokens"] = 192
    return body


def assistant_calls(call_id):
    """The assistant turn each SDK sends back: the tool call the answer held, as its own model class writes it."""
    return {"role": "assistant", "tool_calls": [
        {"id": call_id, "type": "function",
         "function": {"name": "get_weather", "arguments": json.dumps({"city": "Seattle"})}}]}


def round_trip(url, call_id, auth, assistant, n):
    """The two requests of a tool round trip: the question with the tool, then the tool's result sent back."""
    first = {"messages": [WEATHER_QUESTION], "tools": [WEATHER_TOOL], "model": "gpt-4o-mini"}
    second = {**first, "messages": [WEATHER_QUESTION, assistant, {"role": "tool", "content": WEATHER_RESULT,
                                                                  "tool_call_id": call_id}]}
    return [
        interaction("POST", url, first, tool_call(call_id, "get_weather", {"city": "Seattle"}, f"chatcmpl-kit-10{n}a"),
                    auth=auth),
        interaction("POST", url, second, chat_completion(WEATHER_ANSWER, CHAT_MODEL, prompt_tokens=98,
                                                         completion_tokens=18, azure_openai=True,
                                                         id=f"chatcmpl-kit-10{n}b"), auth=auth),
    ]


def interactions():
    structured = {"type": "json_schema", "json_schema": {"name": "CityInfo", "schema": CITY_SCHEMA, "strict": True}}
    parsed = {"type": "json_schema", "json_schema": {"schema": CITY_MODEL_SCHEMA, "name": "CityInfo", "strict": True}}
    return [
        # Tools: the question, a tool call, the tool's result, the answer; with each SDK.
        *round_trip(INFERENCE, "call_kit_weather_1", "key", assistant_calls("call_kit_weather_1"), 1),
        *round_trip(V1, "call_kit_weather_2", "bearer",
                    {**assistant_calls("call_kit_weather_2"), "content": None, "refusal": None}, 2),
        # Structured output: JsonSchemaFormat, the same json_schema as a dict, and parse() with a pydantic model.
        interaction("POST", INFERENCE,
                    {"messages": CITY_QUESTION, "response_format": {**structured, "json_schema": {
                        **structured["json_schema"], "description": "A city and its population"}},
                     "model": "gpt-4o-mini"},
                    chat_completion(CITY_JSON, CHAT_MODEL, 41, 16, azure_openai=True, id="chatcmpl-kit-1031")),
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": CITY_QUESTION, "response_format": structured},
                    chat_completion(CITY_JSON, CHAT_MODEL, 41, 16, azure_openai=True, id="chatcmpl-kit-1032"),
                    auth="bearer"),
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": CITY_QUESTION, "response_format": parsed,
                         "stream": False},
                    chat_completion(CITY_JSON, CHAT_MODEL, 52, 16, azure_openai=True, id="chatcmpl-kit-1033"),
                    auth="bearer"),
        # Image input: a text part and an image_url part in one user message.
        interaction("POST", INFERENCE, {"messages": [IMAGE_QUESTION], "model": "gpt-4o-mini"},
                    chat_completion(IMAGE_ANSWER, CHAT_MODEL, 270, 24, azure_openai=True, id="chatcmpl-kit-1041")),
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": [IMAGE_QUESTION]},
                    chat_completion(IMAGE_ANSWER, CHAT_MODEL, 270, 24, azure_openai=True, id="chatcmpl-kit-1042"),
                    auth="bearer"),
        # A reasoning model: max_completion_tokens and reasoning_effort, through model_extras and then as arguments.
        interaction("POST", INFERENCE,
                    {"messages": PUZZLE, "model": "o4-mini", "max_completion_tokens": 2000, "reasoning_effort": "low"},
                    reasoning(PUZZLE_ANSWER, "chatcmpl-kit-1051"),
                    request_headers={"extra-parameters": "pass-through"}),
        interaction("POST", V1,
                    {"model": "o4-mini", "messages": PUZZLE, "max_completion_tokens": 2000,
                     "reasoning_effort": "low"}, reasoning(PUZZLE_ANSWER, "chatcmpl-kit-1052"), auth="bearer"),
        # Troubleshooting: max_tokens, as for a chat model, sent to the reasoning model.
        interaction("POST", V1, {"model": "o4-mini", "messages": PUZZLE, "max_tokens": 2000}, MAX_TOKENS_REFUSED,
                    status=400, auth="bearer"),
    ]
