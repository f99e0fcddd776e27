"""Recording source for 09_migrate_legacy_completions: one text completion on a gpt-35-turbo-instruct deployment,
asked by openai>=1 (AzureOpenAI and OpenAI(base_url=...), key and Entra ID), by the legacy openai 0.28.1 code
(tests/test_legacy_equivalence.py), and the errors of the Troubleshooting section."""

from helpers.shapes import CONTENT_FILTER, PROMPT_FILTER, usage
from tools.wire import CREATED, error, interaction

REFERENCES = ["azure-openai", "openai-types", "sdk-sources", "real-answers"]
NOTE = (
    "Synthesized, not recorded live. The completion bodies follow the createCompletion response of the Azure OpenAI "
    "data plane (2024-06-01 inference.json): a text_completion with prompt_filter_results and per-choice "
    "content_filter_results; the /openai/v1/completions body has the same shape (openai's Completion type plus "
    "Azure's annotations). The legacy request (api-version 2023-05-15, sent by openai 0.28.1) gets the same "
    "completion without the annotations, which Azure added from api-version 2023-06-01-preview on; its URL has "
    "'//openai' because openai 0.28.1 appends '/openai/deployments/...' to the api_base the guide writes with a "
    "trailing slash. The 404 DeploymentNotFound, 400 OperationNotSupported and 401 bodies are Azure OpenAI's own "
    "error texts, as quoted in public issue reports (e.g. Azure-Samples/azure-search-openai-demo #391, "
    "Azure-Samples/openai-python-enterprise-logging #27). Token usage is an estimate."
)
RESOURCE = "https://example-resource.openai.azure.com"
DEPLOYMENT = f"{RESOURCE}/openai/deployments/gpt-35-turbo-instruct/completions?api-version=2024-06-01"
V1 = f"{RESOURCE}/openai/v1/completions"
LEGACY = f"{RESOURCE}//openai/deployments/gpt-35-turbo-instruct/completions?api-version=2023-05-15"
PROMPT = "The food was delicious and the waiter"
ASKED = {"model": "gpt-35-turbo-instruct", "prompt": PROMPT, "stop": ".", "temperature": 0}


def text_completion(number, annotations=True):
    """Azure OpenAI's answer for the prompt: the text stops before the stop sequence "."."""
    choice = {"text": " provided excellent service", "index": 0, "finish_reason": "stop", "logprobs": None}
    body = {"id": f"cmpl-kit-{number:04d}", "object": "text_completion", "created": CREATED,
            "model": "gpt-35-turbo-instruct", "choices": [choice], "usage": usage(7, 3)}
    if annotations:
        choice["content_filter_results"] = CONTENT_FILTER
        body["prompt_filter_results"] = PROMPT_FILTER
    return body


def asked(model):
    return {**ASKED, "model": model}


def interactions():
    return [
        # Step 1: AzureOpenAI with a key (api-key header).
        interaction("POST", DEPLOYMENT, ASKED, text_completion(1), auth="api-key"),
        # Step 3: OpenAI(base_url=...) with a key (Authorization: Bearer).
        interaction("POST", V1, ASKED, text_completion(2), auth="bearer"),
        # Step 4: AzureOpenAI with azure_ad_token_provider (Entra ID token as Bearer).
        interaction("POST", DEPLOYMENT, ASKED, text_completion(3), auth="bearer"),
        # Step 5: three calls with 60-second tokens, then three with the default lifetime.
        *[interaction("POST", V1, ASKED, text_completion(n), auth="bearer") for n in range(4, 10)],
        # Troubleshooting: the model name instead of the deployment name, a chat deployment, a wrong key.
        interaction("POST", DEPLOYMENT.replace("gpt-35-turbo-instruct", "gpt-3.5-turbo-instruct"),
                    asked("gpt-3.5-turbo-instruct"),
                    error("DeploymentNotFound", "The API deployment for this resource does not exist. If you created "
                          "the deployment within the last 5 minutes, please wait a moment and try again."),
                    status=404, auth="api-key"),
        interaction("POST", DEPLOYMENT.replace("gpt-35-turbo-instruct", "gpt-4o-mini"), asked("gpt-4o-mini"),
                    error("OperationNotSupported", "The completion operation does not work with the specified model, "
                          "gpt-4o-mini. Please choose different model and try again. You can learn more about which "
                          "models can be used with each operation here: https://go.microsoft.com/fwlink/?linkid=2197993."),
                    status=400, auth="api-key"),
        interaction("POST", DEPLOYMENT, ASKED,
                    error("401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to "
                          "provide a valid key for an active subscription and use a correct regional API endpoint "
                          "for your resource."),
                    status=401, auth="api-key", other_key=True),
        # The guide's legacy code (openai 0.28.1), run by tests/test_legacy_equivalence.py in a separate venv.
        interaction("POST", LEGACY, {"prompt": PROMPT, "stop": ".", "temperature": 0},
                    text_completion(10, annotations=False), auth="api-key",
                    request_headers={"Accept": "*/*", "User-Agent": "OpenAI/v1 PythonBindings/0.28.1"}),
    ]
