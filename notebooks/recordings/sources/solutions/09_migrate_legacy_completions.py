"""Recording source for solutions/09_migrate_legacy_completions: the migrated chat call of Exercise 1 and the token
lifetimes of Exercise 2, all on the Azure OpenAI v1 endpoint."""

from helpers.shapes import CONTENT_FILTER, PROMPT_FILTER, usage
from tools.wire import CREATED, chat_completion, interaction

REFERENCES = ["azure-openai", "openai-types", "sdk-sources", "real-answers"]
NOTE = (
    "Synthesized, not recorded live. The chat completion follows openai's ChatCompletion type, the contract of "
    "/openai/v1/, with the content-filter annotations Azure OpenAI adds (createChatCompletion in the 2024-06-01 "
    "inference.json). The text completions are the same bodies as notebooks/recordings/09_migrate_legacy_completions"
    ".yaml: openai's Completion type with prompt_filter_results and content_filter_results. Token usage is an estimate."
)
V1 = "https://example-resource.openai.azure.com/openai/v1"
PROMPT = "The food was delicious and the waiter"
ASKED = {"model": "gpt-35-turbo-instruct", "prompt": PROMPT, "stop": ".", "temperature": 0}
CHAT = [{"role": "user", "content": f"Complete this sentence: {PROMPT}"}]


def text_completion(number):
    choice = {"text": " provided excellent service", "index": 0, "finish_reason": "stop", "logprobs": None,
              "content_filter_results": CONTENT_FILTER}
    return {"id": f"cmpl-kit-{number:04d}", "object": "text_completion", "created": CREATED,
            "model": "gpt-35-turbo-instruct", "prompt_filter_results": PROMPT_FILTER, "choices": [choice],
            "usage": usage(7, 3)}


def interactions():
    return [
        # Exercise 1: the migrated chat call, OpenAI(base_url=...) with a key.
        interaction("POST", f"{V1}/chat/completions", {"model": "gpt-4o-mini", "messages": CHAT},
                    chat_completion("The food was delicious and the waiter was attentive and friendly.",
                                    "gpt-4o-mini-2024-07-18", prompt_tokens=18, completion_tokens=13,
                                    azure_openai=True),
                    auth="bearer"),
        # Exercise 2: two calls with 200-second tokens, two with 400-second tokens (Entra ID token as Bearer).
        *[interaction("POST", f"{V1}/completions", ASKED, text_completion(n), auth="bearer") for n in range(11, 15)],
    ]
