"""Recording source for 00_setup: one serverless chat completion, a retired GitHub Models route, and the doctor's
one request (max_tokens=1) to an Azure OpenAI deployment as each live setup answers it."""

from tools.wire import (
    AZURE_OPENAI_UNAUTHORIZED,
    GITHUB_MODELS_GONE,
    NOT_DEPLOYED,
    TOKEN_REFUSED,
    chat_completion,
    error,
    interaction,
    model_info,
    permission_denied,
)

REFERENCES = ["model-inference", "sdk-sources", "real-answers"]
NOTE = ("Synthesized: the chat body follows the Azure AI model inference REST API (2024-05-01-preview). "
        "The 410 from GitHub Models is illustrative: the service was retired on 2026-07-30 and its exact "
        "answer after retirement is not documented. The doctor's answers (python -m helpers.doctor) follow the Azure "
        "OpenAI data plane (2024-06-01); its error bodies are the ones public reports quote, as cited in "
        "tests/support/fake_azure_openai.py, which serves the same bodies to tests/test_doctor.py. On the serverless "
        "endpoint the doctor sends azure-ai-inference's free GET /info, answered as "
        "tests/reference/serverless-info-200.json shows.")
SERVERLESS = "https://example-model.eastus2.models.ai.azure.com/chat/completions?api-version=2024-05-01-preview"
SERVERLESS_INFO = "https://example-model.eastus2.models.ai.azure.com/info?api-version=2024-05-01-preview"
GITHUB = "https://models.inference.ai.azure.com/chat/completions?api-version=2024-05-01-preview"
MILE = [{"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "How many feet are in a mile?"}]

# The doctor's request (helpers/doctor/steps.py): a one-token chat on the deployment, with the key in api-key or an
# Entra ID token. Two more resources stand for a setup whose resource does not serve the notebooks' api-version, and
# one whose token the service refuses (another tenant's).
DOCTOR_ASK = {"messages": [{"role": "user", "content": "Say OK."}], "max_tokens": 1}
DOCTOR = {"User-Agent": "azure-ai-kit-doctor"}


def doctor(resource, deployment, answer, status=200, auth="api-key", other_key=False):
    url = (f"https://{resource}.openai.azure.com/openai/deployments/{deployment}/chat/completions"
           "?api-version=2024-06-01")
    return interaction("POST", url, DOCTOR_ASK, answer, status=status, auth=auth, request_headers=DOCTOR,
                       other_key=other_key)


def interactions():
    return [
        interaction("POST", SERVERLESS, {"messages": MILE},
                    chat_completion("There are 5,280 feet in a mile.", "mistral-large-2411",
                                    prompt_tokens=23, completion_tokens=11)),
        interaction("POST", GITHUB, {"messages": MILE, "model": "mistral-large"},
                    error("Gone", GITHUB_MODELS_GONE),
                    status=410),
        doctor("example-resource", "gpt-4o-mini",
               chat_completion("OK", "gpt-4o-mini-2024-07-18", prompt_tokens=11, completion_tokens=1,
                               azure_openai=True, finish_reason="length")),
        doctor("example-resource", "gpt-4o-mini", error("401", AZURE_OPENAI_UNAUTHORIZED), status=401,
               other_key=True),
        doctor("example-resource", "gpt-4o", error("DeploymentNotFound", NOT_DEPLOYED), status=404),
        doctor("example-resource", "gpt-4o-mini", permission_denied("00000000-0000-0000-0000-000000000000"),
               status=401, auth="bearer"),
        doctor("example-old-resource", "gpt-4o-mini", error("404", "Resource not found"), status=404),
        doctor("example-other-tenant", "gpt-4o-mini", TOKEN_REFUSED, status=401, auth="bearer"),
        interaction("GET", SERVERLESS_INFO, None, model_info("mistral-large-2411", "Mistral"), auth="bearer",
                    request_headers=DOCTOR),
    ]
