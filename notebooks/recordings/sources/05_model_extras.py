"""Recording source for 05_model_extras: model_extras, the extra-parameters header, and openai's extra_body."""

from tools.wire import chat_completion, extra_parameters_rejected, interaction

REFERENCES = ["model-inference", "azure-openai", "openai-types", "sdk-sources", "real-answers"]
NOTE = (
    "Synthesized, not recorded live. Chat bodies follow the Azure AI model inference REST API (2024-05-01-preview). "
    "The 200 answers to the calls that send key1/key2 with 'extra-parameters: pass-through' (guide 004's model_extras "
    "example) or 'drop' are what the spec's header description implies; whether a real model accepts key1/key2 when "
    "they are passed through depends on the model behind the endpoint. safe_prompt is Mistral's own parameter, the "
    "example the Azure AI model inference docs use for pass-through. "
    "The 400 for extra keys sent without the header is based on the documented behaviour: the spec says 'error' is "
    "the service default, and the REST reference says a request with parameters the API does not define gets a 400; "
    "its body is Microsoft's model server's {'detail': ...} form with the text users report (tests/reference/"
    "serverless-extra-parameters-400.json), which azure-core cannot read as an OData error. "
    "The Azure OpenAI v1 400 for key1/key2 sent with openai's extra_body uses Azure "
    "OpenAI's 'Unrecognized request arguments supplied' message for arguments it does not know, in its error shape."
)

CHAT = "https://example-model.eastus2.models.ai.azure.com/chat/completions?api-version=2024-05-01-preview"
V1 = "https://example-resource.openai.azure.com/openai/v1/chat/completions"
MODEL = "mistral-large-2411"
MILE = [{"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "How many feet are in a mile?"}]
EXTRAS = {"key1": "value1", "key2": "value2"}
ANSWER = "There are 5,280 feet in a mile."


def interactions():
    return [
        # Step 1: the guide's model_extras call
        interaction("POST", CHAT, {"messages": MILE, **EXTRAS},
                    chat_completion(ANSWER, MODEL, prompt_tokens=23, completion_tokens=11),
                    request_headers={"extra-parameters": "pass-through"}),
        # Step 3: a real model-specific parameter, Mistral's safe_prompt
        interaction("POST", CHAT, {"messages": MILE, "safe_prompt": True},
                    chat_completion(ANSWER, MODEL, prompt_tokens=58, completion_tokens=11, id="chatcmpl-kit-0002"),
                    request_headers={"extra-parameters": "pass-through"}),
        # Step 4: the same keys without the header: the service default is 'error'
        interaction("POST", CHAT, {"messages": MILE, **EXTRAS},
                    extra_parameters_rejected(EXTRAS), status=400),
        # Step 5: ... and with 'extra-parameters: drop'
        interaction("POST", CHAT, {"messages": MILE, **EXTRAS},
                    chat_completion(ANSWER, MODEL, prompt_tokens=23, completion_tokens=11, id="chatcmpl-kit-0003"),
                    request_headers={"extra-parameters": "drop"}),
        # Step 6: openai's extra_body against the Azure OpenAI v1 endpoint
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": MILE, **EXTRAS},
                    {"error": {"code": None, "message": "Unrecognized request arguments supplied: key1, key2",
                               "param": None, "type": "invalid_request_error"}},
                    status=400, auth="bearer"),
    ]
