"""Recording source for solutions/05_model_extras: the answers to the lesson's three exercises."""

from tools.wire import chat_completion, extra_parameters_rejected, interaction

REFERENCES = ["model-inference", "sdk-sources", "real-answers"]
NOTE = (
    "Synthesized, not recorded live. Chat bodies follow the Azure AI model inference REST API (2024-05-01-preview). "
    "The requests are what azure-ai-inference 1.0.0b9 sends: with model_extras it sets 'extra-parameters: "
    "pass-through' itself, over a 'drop' given in headers (_patch.py and _operations.py). The 200 answers to "
    "pass-through calls are what the spec's header description implies; whether a real model accepts key1/key2 "
    "depends on the model. The 400 for 'extra-parameters: error' is based on the documented behaviour (the same "
    "answer as lesson 05's Step 4: the REST reference documents a 400; the {'detail': ...} body and its text are "
    "what users report, tests/reference/serverless-extra-parameters-400.json)."
)

CHAT = "https://example-model.eastus2.models.ai.azure.com/chat/completions?api-version=2024-05-01-preview"
MODEL = "mistral-large-2411"
MILE = [{"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "How many feet are in a mile?"}]
ANSWER = "There are 5,280 feet in a mile."


def interactions():
    return [
        # Exercise 1: model_extras wins over headers={"extra-parameters": "drop"}
        interaction("POST", CHAT, {"messages": MILE, "key1": "value1"},
                    chat_completion(ANSWER, MODEL, prompt_tokens=23, completion_tokens=11),
                    request_headers={"extra-parameters": "pass-through"}),
        # Exercise 2: the default, asked for explicitly
        interaction("POST", CHAT, {"messages": MILE, "key1": "value1", "key2": "value2"},
                    extra_parameters_rejected(["key1", "key2"]), status=400,
                    request_headers={"extra-parameters": "error"}),
        # Exercise 3: model_extras as a client default
        interaction("POST", CHAT, {"messages": MILE, "key1": "value1", "key2": "value2"},
                    chat_completion(ANSWER, MODEL, prompt_tokens=23, completion_tokens=11, id="chatcmpl-kit-0002"),
                    request_headers={"extra-parameters": "pass-through"}),
    ]
