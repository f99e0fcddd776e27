"""Recording source for solutions/01_auth: the three exercises of 01_auth and two more, one small chat call each."""

from tools.wire import chat_completion, interaction

REFERENCES = ["model-inference", "azure-openai", "sdk-sources", "real-answers"]
NOTE = (
    'Synthesized, not recorded live. The Azure OpenAI deployment answer follows the Azure OpenAI 2024-06-01 data-'
    'plane spec, with the prompt_filter_results and content_filter_results Azure adds; the serverless / managed '
    'compute answers follow the Azure AI model inference REST API (2024-05-01-preview). Request headers follow the '
    "SDK sources: AzureKeyCredential(key) sends api-key and 'Authorization: Bearer <key>' (also to Azure OpenAI, "
    "when no api-key header is given); an Entra ID credential, sync or async, sends only 'Authorization: Bearer "
    "<token>'."
)

SERVERLESS = "https://example-model.eastus2.models.ai.azure.com/chat/completions?api-version=2024-05-01-preview"
AOAI = ("https://example-resource.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions"
        "?api-version=2024-06-01")
HELLO = [{"role": "user", "content": "Hello!"}]
ANSWER = "Hello! How can I help you today?"


def serverless(n):
    return chat_completion(ANSWER, "mistral-large-2411", prompt_tokens=6, completion_tokens=9,
                           id=f"chatcmpl-kit-auth-s{n:02d}")


def interactions():
    return [
        # Exercise 1: guide 002's Azure OpenAI client, AzureKeyCredential(key) and no headers.
        interaction("POST", AOAI, {"messages": HELLO},
                    chat_completion(ANSWER, "gpt-4o-mini-2024-07-18", prompt_tokens=9, completion_tokens=9,
                                    azure_openai=True, id="chatcmpl-kit-auth-s01")),
        # Exercise 2: the async client in `async with`.
        interaction("POST", SERVERLESS, {"messages": HELLO}, serverless(2)),
        # Exercise 3: azure.identity.aio.DefaultAzureCredential with the async client.
        interaction("POST", SERVERLESS, {"messages": HELLO}, serverless(3), auth="bearer"),
        # Two more exercises: the async Entra ID client for the Azure OpenAI deployment, and the sync client in `with`.
        interaction("POST", AOAI, {"messages": HELLO},
                    chat_completion(ANSWER, "gpt-4o-mini-2024-07-18", prompt_tokens=9, completion_tokens=9,
                                    azure_openai=True, id="chatcmpl-kit-auth-s04"), auth="bearer"),
        interaction("POST", SERVERLESS, {"messages": HELLO}, serverless(5)),
    ]
