"""Recording source for solutions/10_beyond_chat: the lesson's three exercises on Azure OpenAI v1."""

import json

from tools.wire import chat_completion, interaction, source

LESSON = source("10_beyond_chat")
REFERENCES = ["azure-openai", "openai-types", "sdk-sources", "real-answers"]
NOTE = ("Synthesized, not recorded live. Bodies follow openai 3.54.0's ChatCompletion with Azure OpenAI's "
        "content-filter annotations, shaped as the lesson's (notebooks/recordings/sources/10_beyond_chat.py cites the "
        "Azure SDK's recordings of a tool call and of a json_schema answer). The recipe's schema is the one openai's "
        "parse() derives from the exercise's pydantic model Recipe (openai/lib/_pydantic.py). The reasoning model's "
        "token counts are illustrative.")

V1 = LESSON.V1
TIME_TOOL = {"type": "function", "function": {
    "name": "get_time", "description": "Get the local time in a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}
RECIPE_SCHEMA = {"properties": {"title": {"title": "Title", "type": "string"},
                                "ingredients": {"items": {"type": "string"}, "title": "Ingredients", "type": "array"}},
                 "required": ["title", "ingredients"], "title": "Recipe", "type": "object",
                 "additionalProperties": False}
RECIPE = {"title": "Simple pancakes", "ingredients": ["1 cup flour", "1 tablespoon sugar", "2 teaspoons baking powder",
                                                      "1 pinch of salt", "1 cup milk", "1 egg", "2 tablespoons butter"]}


def interactions():
    return [
        # Exercise 1: the tool as a dict; the answer calls it.
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "What time is it "
                                                                                                   "in Tokyo?"}],
                                 "tools": [TIME_TOOL]},
                    LESSON.tool_call("call_kit_time_1", "get_time", {"city": "Tokyo"}, "chatcmpl-kit-s1001"),
                    auth="bearer"),
        # Exercise 2: parse() with the pydantic model Recipe.
        interaction("POST", V1, {"model": "gpt-4o-mini",
                                 "messages": [{"role": "user", "content": "Give me a simple pancake recipe."}],
                                 "response_format": {"type": "json_schema", "json_schema": {
                                     "schema": RECIPE_SCHEMA, "name": "Recipe", "strict": True}},
                                 "stream": False},
                    chat_completion(json.dumps(RECIPE, separators=(",", ":")), LESSON.CHAT_MODEL, 71, 48,
                                    azure_openai=True, id="chatcmpl-kit-s1002"), auth="bearer"),
        # Exercise 3: max_completion_tokens and reasoning_effort on the reasoning model.
        interaction("POST", V1, {"model": "o4-mini",
                                 "messages": [{"role": "user",
                                               "content": "Is 1001 a prime number? Answer in one sentence."}],
                                 "max_completion_tokens": 4000, "reasoning_effort": "high"},
                    LESSON.reasoning("No: 1001 is not prime, because 1001 = 7 × 11 × 13.", "chatcmpl-kit-s1003"),
                    auth="bearer"),
    ]
