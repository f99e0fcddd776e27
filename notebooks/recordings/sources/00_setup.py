"""Recording source for 00_setup: one serverless chat completion and a retired GitHub Models route."""

from tools.wire import chat_completion, error, interaction

REFERENCES = ["model-inference", "sdk-sources", "real-answers"]
NOTE = ("Synthesized: the chat body follows the Azure AI model inference REST API (2024-05-01-preview). "
        "The 410 from GitHub Models is illustrative: the service was retired on 2026-07-30 and its exact "
        "answer after retirement is not documented.")
SERVERLESS = "https://example-model.eastus2.models.ai.azure.com/chat/completions?api-version=2024-05-01-preview"
GITHUB = "https://models.inference.ai.azure.com/chat/completions?api-version=2024-05-01-preview"
MILE = [{"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "How many feet are in a mile?"}]


def interactions():
    return [
        interaction("POST", SERVERLESS, {"messages": MILE},
                    chat_completion("There are 5,280 feet in a mile.", "mistral-large-2411",
                                    prompt_tokens=23, completion_tokens=11)),
        interaction("POST", GITHUB, {"messages": MILE, "model": "mistral-large"},
                    error("Gone", "GitHub Models was retired on 2026-07-30. This endpoint no longer serves requests."),
                    status=410),
    ]
