"""Recording source for 02_chat: multi-turn chat on an Azure OpenAI deployment, typed and dict input on a serverless
endpoint, default settings, load_client (/info), the OpenAI v1 equivalent, and two recorded errors."""

from tools.wire import chat_completion, error, interaction, model_info

REFERENCES = ["model-inference", "azure-openai", "openai-types", "sdk-sources", "real-answers"]
NOTE = (
    'Synthesized, not recorded live. Azure OpenAI deployment answers follow the Azure OpenAI 2024-06-01 data-plane '
    'spec, with the prompt_filter_results and content_filter_results Azure adds to every answer; serverless answers'
    ' and the /info body ({model_name, model_type, model_provider_name}) follow the Azure AI model inference REST '
    "API (2024-05-01-preview); the /openai/v1/ answer follows openai 3.54.0's ChatCompletion type with the same "
    "Azure annotations. Requests follow the SDK sources: AzureKeyCredential(key) sends api-key and 'Authorization: "
    "Bearer', client defaults (temperature, max_tokens) are merged into the JSON body and a per-call value wins. "
    "Errors: the 401 is Azure OpenAI's answer to an invalid key ({'error': {'code': '401', 'message': 'Access "
    "denied due to invalid subscription key or wrong API endpoint...'}}, shared/WIRE.md); the 404 for GET /info on "
    "an Azure OpenAI deployment is Azure OpenAI's 'Resource not found' answer, as reported in azure-sdk-for-python "
    '#39310. The cut answer is a serverless answer whose finish_reason is "length", one of the spec\'s '
    'CompletionsFinishReason values (the model reached max_tokens); its text is written for the lesson.'
)

PREVIEW = "?api-version=2024-05-01-preview"
SERVERLESS = "https://example-model.eastus2.models.ai.azure.com"
AOAI = "https://example-resource.openai.azure.com/openai/deployments/gpt-4o-mini"
AOAI_VERSION = "?api-version=2024-06-01"
V1 = "https://example-resource.openai.azure.com/openai/v1/chat/completions"
GPT = "gpt-4o-mini-2024-07-18"
MISTRAL = "mistral-large-2411"

CONVERSATION = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "How many feet are in a mile?"},
    {"role": "assistant", "content": "There are 5,280 feet in a mile. How else can I help you?"},
    {"role": "user", "content": "How many meters is that?"},
]
MILE = CONVERSATION[:2]
DEFINED = [CONVERSATION[0], {"role": "user", "content": "Explain how the mile is defined."}]
ISS = [
    {"role": "system", "content": "You are an AI assistant that helps people find information. Your replies are short, "
                                  "no more than two sentences."},
    {"role": "user", "content": "What year was construction of the International Space Station mostly done?"},
    {"role": "assistant", "content": "The main construction of the International Space Station (ISS) was completed "
                                     "between 1998 and 2011. During this period, more than 30 flights by US space "
                                     "shuttles and 40 by Russian rockets were conducted to transport components and "
                                     "modules to the station."},
    {"role": "user", "content": "And what was the estimated cost to build it?"},
]
INVALID_KEY = ("Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key "
               "for an active subscription and use a correct regional API endpoint for your resource.")


def gpt(content, n, prompt_tokens=48, completion_tokens=20):
    return chat_completion(content, GPT, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens,
                           azure_openai=True, id=f"chatcmpl-kit-chat-{n:02d}")


def mistral(content, n, prompt_tokens=23, completion_tokens=11, finish_reason="stop"):
    return chat_completion(content, MISTRAL, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens,
                           id=f"chatcmpl-kit-chat-{n:02d}", finish_reason=finish_reason)


def interactions():
    chat_aoai = AOAI + "/chat/completions" + AOAI_VERSION
    chat_serverless = SERVERLESS + "/chat/completions" + PREVIEW
    return [
        # Guide 002, part d, then the complete example's main().
        interaction("POST", chat_aoai, {"messages": CONVERSATION},
                    gpt("5,280 feet is about 1,609 meters (1,609.344 m, to be exact).", 1)),
        interaction("POST", chat_aoai, {"messages": CONVERSATION},
                    gpt("That is about 1,609 meters, or roughly 1.61 kilometers.", 2, completion_tokens=16)),
        # Guide 004: typed input, then dict (JSON) input, on the serverless endpoint.
        interaction("POST", chat_serverless, {"messages": MILE}, mistral("There are 5,280 feet in a mile.", 3)),
        interaction("POST", chat_serverless, {"messages": ISS},
                    mistral("Estimates put the total cost of the ISS at about $150 billion, shared by the partner "
                            "countries, which makes it one of the most expensive objects ever built.", 4,
                            prompt_tokens=112, completion_tokens=33)),
        # Default settings at construction, then a per-call override.
        interaction("POST", chat_serverless, {"messages": MILE, "temperature": 0.5, "max_tokens": 1000},
                    mistral("There are 5,280 feet in a mile.", 5)),
        interaction("POST", chat_serverless, {"messages": MILE, "temperature": 0.9, "max_tokens": 1000},
                    mistral("A mile is 5,280 feet long.", 6, completion_tokens=10)),
        # A cut answer: max_tokens=12 for one call stops the answer mid-sentence, finish_reason "length".
        interaction("POST", chat_serverless, {"messages": DEFINED, "temperature": 0.5, "max_tokens": 12},
                    mistral("Since 1959, the international mile has been defined as exactly", 11,
                            prompt_tokens=24, completion_tokens=12, finish_reason="length")),
        # load_client: GET /info.
        interaction("GET", SERVERLESS + "/info" + PREVIEW, None,
                    model_info(MISTRAL, "Mistral")),
        # The OpenAI v1 equivalent of the multi-turn chat.
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": CONVERSATION},
                    gpt("5,280 feet is about 1,609 meters (1,609.344 m, to be exact).", 7), auth="bearer"),
        # Troubleshooting: a wrong key, then /info on an Azure OpenAI deployment.
        interaction("POST", chat_aoai, {"messages": CONVERSATION}, error(401, INVALID_KEY), status=401, other_key=True),
        interaction("GET", AOAI + "/info" + AOAI_VERSION, None, error(404, "Resource not found"), status=404),
    ]
