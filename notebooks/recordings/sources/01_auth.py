"""Recording source for 01_auth: one small chat call per client construction and credential."""

from tools.wire import chat_completion, error, interaction

REFERENCES = ["model-inference", "azure-openai", "openai-types", "sdk-sources", "real-answers"]
NOTE = (
    'Synthesized, not recorded live. 200 bodies: serverless and GitHub Models answers follow the Azure AI model '
    'inference REST API (2024-05-01-preview); Azure OpenAI deployment answers follow the Azure OpenAI 2024-06-01 '
    'data-plane spec, with the prompt_filter_results and content_filter_results Azure adds; /openai/v1/ answers '
    "follow openai 3.54.0's ChatCompletion type with the same Azure annotations. The GitHub Models answer stands "
    'for what models.inference.ai.azure.com sent while it served (it stopped answering on 2025-10-17; GitHub Models'
    ' was retired on 2026-07-30). Request headers follow the SDK sources: AzureKeyCredential(key) sends api-key and'
    " 'Authorization: Bearer <key>'; AzureKeyCredential('') with headers={'api-key': key} sends api-key and an "
    "empty 'Authorization: Bearer ' (recorded as sent: it holds no secret); Entra ID and OpenAI(api_key=...) send "
    "only 'Authorization: Bearer'. Errors: the 401 for a missing api-key is Azure OpenAI's documented answer to an "
    "invalid key ({'error': {'code': '401', 'message': 'Access denied due to invalid subscription key or wrong API "
    "endpoint...'}}); the 401 for an Entra token of the wrong audience has the shape and text Azure OpenAI sends, "
    'as quoted in azure-sdk-for-python #40260 and Azure-Samples/azure-search-openai-demo #458.'
)

SERVERLESS = "https://example-model.eastus2.models.ai.azure.com/chat/completions?api-version=2024-05-01-preview"
GITHUB = "https://models.inference.ai.azure.com/chat/completions?api-version=2024-05-01-preview"
AOAI = ("https://example-resource.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions"
        "?api-version=2024-06-01")
V1 = "https://example-resource.openai.azure.com/openai/v1/chat/completions"
HELLO = [{"role": "user", "content": "Hello!"}]
ANSWER = "Hello! How can I help you today?"
EMPTY_BEARER = {"Authorization": "Bearer "}
INVALID_KEY = ("Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key "
               "for an active subscription and use a correct regional API endpoint for your resource.")
WRONG_AUDIENCE = {"statusCode": 401,
                  "message": "Unauthorized. Access token is missing, invalid, audience is incorrect "
                             "(https://cognitiveservices.azure.com), or have expired."}


def serverless(n):
    return chat_completion(ANSWER, "mistral-large-2411", prompt_tokens=6, completion_tokens=9,
                           id=f"chatcmpl-kit-auth-{n:02d}")


def azure_openai(n):
    return chat_completion(ANSWER, "gpt-4o-mini-2024-07-18", prompt_tokens=9, completion_tokens=9,
                           azure_openai=True, id=f"chatcmpl-kit-auth-{n:02d}")


def interactions():
    return [
        # Step 1: GitHub Models, model given at construction (it goes into the JSON body).
        interaction("POST", GITHUB, {"messages": HELLO, "model": "mistral-large"},
                    chat_completion(ANSWER, "mistral-large-2407", prompt_tokens=6, completion_tokens=9,
                                    id="chatcmpl-kit-auth-01")),
        # Step 2: serverless with AzureKeyCredential(key): api-key and Bearer key.
        interaction("POST", SERVERLESS, {"messages": HELLO}, serverless(2)),
        # Step 3: Azure OpenAI with AzureKeyCredential("") and headers={"api-key": key}.
        interaction("POST", AOAI, {"messages": HELLO}, azure_openai(3), request_headers=EMPTY_BEARER),
        # Step 4: the async client against the serverless endpoint.
        interaction("POST", SERVERLESS, {"messages": HELLO}, serverless(4)),
        # Step 5: Entra ID, managed compute (default scope) and Azure OpenAI (credential_scopes).
        interaction("POST", SERVERLESS, {"messages": HELLO}, serverless(5), auth="bearer"),
        interaction("POST", AOAI, {"messages": HELLO}, azure_openai(6), auth="bearer"),
        # Step 6: OpenAI v1 with a key, then with get_bearer_token_provider.
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": HELLO}, azure_openai(7), auth="bearer"),
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": HELLO}, azure_openai(8), auth="bearer"),
        # Troubleshooting: AzureKeyCredential("") without the api-key header, then Entra ID without credential_scopes.
        interaction("POST", AOAI, {"messages": HELLO}, error(401, INVALID_KEY), status=401,
                    request_headers={"api-key": "", **EMPTY_BEARER}),
        interaction("POST", AOAI, {"messages": HELLO}, WRONG_AUDIENCE, status=401, auth="bearer",
                    other_key=True),  # a token for https://ml.azure.com: another audience than the host takes
    ]
