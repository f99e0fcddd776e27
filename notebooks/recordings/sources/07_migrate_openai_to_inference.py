"""Recording source for 07_migrate_openai_to_inference: the OpenAI Responses example, the serverless
Azure AI Inference sample and one call per row of the parameter mapping, the same code on Azure OpenAI v1,
and a made-up key in the shape of an Azure key sent to api.openai.com."""

from tools.wire import chat_completion, interaction, model_info, responses_body

REFERENCES = ["model-inference", "openai-types", "sdk-sources", "real-answers"]
NOTE = ("Synthesized, not recorded live. The /v1/responses bodies (api.openai.com and Azure OpenAI /openai/v1/) follow "
        "openai 3.54.0's Response type (openai/types/responses/response.py). The serverless chat completions and the "
        "GET /info body follow the Azure AI model inference REST API (2024-05-01-preview); the model name "
        "mistral-large-2411 is illustrative. The 401 from api.openai.com has the OpenAI error shape "
        "{error: {message, type, param, code: invalid_api_key}} as reported in run-llama/llama_index#10501; its masked "
        "key is illustrative.")

OPENAI = "https://api.openai.com/v1/responses"
AZURE_V1 = "https://example-resource.openai.azure.com/openai/v1/responses"
SERVERLESS = "https://example-model.eastus2.models.ai.azure.com"
QUERY = "?api-version=2024-05-01-preview"
CHAT = f"{SERVERLESS}/chat/completions{QUERY}"
MODEL = "mistral-large-2411"
PROMPT = "Write a one-sentence bedtime story about a unicorn."
MESSAGES = [{"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": PROMPT}]

OPENAI_STORY = ("Under a silver moon, a sleepy unicorn named Pearl tiptoed through a meadow of glowing flowers, "
                "wishing every child a night of sweet, sparkling dreams.")
SAMPLE_STORY = ("Once upon a time, a gentle unicorn named Stardust sprinkled moonbeams over the sleeping village, "
                "and every child dreamed of rainbows until morning.")
TUNED_STORY = ("As the stars blinked awake, a little unicorn curled up beneath a willow tree and fell asleep "
               "to the soft song of the wind.")
MODEL_STORY = ("High above the clouds, a tired unicorn tucked her silver horn under her wing-soft mane and "
               "drifted into dreams of candy-colored skies.")
FIXED_STORY = ("Beneath a blanket of stars, a baby unicorn whispered goodnight to the moon, and the moon "
               "whispered back a lullaby.")
AZURE_STORY = ("In a quiet forest glade, a young unicorn named Willow counted fireflies until her eyes grew heavy "
               "and she fell asleep beneath the stars.")


def response(text, model, id):
    return responses_body(text, model, id, 36, 34, seconds=2)


def interactions():
    openai_request = {"model": "gpt-4.1", "input": PROMPT}
    return [
        # Step 1: the guide's OpenAI example, OpenAI() with OPENAI_API_KEY: Authorization: Bearer only.
        interaction("POST", OPENAI, openai_request,
                    response(OPENAI_STORY, "gpt-4.1-2025-04-14", "resp_kit0701"), auth="bearer"),
        # Step 3: the guide's complete sample, AzureKeyCredential: api-key and Authorization: Bearer.
        interaction("POST", CHAT, {"messages": MESSAGES},
                    chat_completion(SAMPLE_STORY, MODEL, prompt_tokens=27, completion_tokens=30,
                                    id="chatcmpl-kit-0701")),
        # Step 4: temperature and max_tokens passed through as keyword arguments.
        interaction("POST", CHAT, {"messages": MESSAGES, "max_tokens": 60, "temperature": 0.7},
                    chat_completion(TUNED_STORY, MODEL, prompt_tokens=27, completion_tokens=26,
                                    id="chatcmpl-kit-0702")),
        # Step 5: the model is the endpoint's: GET /info, then model= in the call.
        interaction("GET", f"{SERVERLESS}/info{QUERY}", None,
                    model_info(MODEL, "Mistral")),
        interaction("POST", CHAT, {"messages": MESSAGES, "model": MODEL},
                    chat_completion(MODEL_STORY, MODEL, prompt_tokens=27, completion_tokens=28,
                                    id="chatcmpl-kit-0703")),
        # Step 6: the guide's OpenAI code on Azure OpenAI v1 (deployment gpt-4.1), key as Bearer.
        interaction("POST", AZURE_V1, openai_request,
                    response(AZURE_STORY, "gpt-4.1", "resp_kit0702"), auth="bearer"),
        # Troubleshooting: messages= fixed, then output_text read from a ChatCompletions.
        interaction("POST", CHAT, {"messages": [{"role": "user", "content": PROMPT}]},
                    chat_completion(FIXED_STORY, MODEL, prompt_tokens=17, completion_tokens=27,
                                    id="chatcmpl-kit-0704")),
        # Troubleshooting: a key of the wrong kind (a made-up one, in the shape of an Azure key) at api.openai.com.
        interaction("POST", OPENAI, openai_request,
                    {"error": {"message": "Incorrect API key provided: 01234567********************cdef. "
                                          "You can find your API key at https://platform.openai.com/account/api-keys.",
                               "type": "invalid_request_error", "param": None, "code": "invalid_api_key"}},
                    status=401, auth="bearer", other_key=True),
    ]
