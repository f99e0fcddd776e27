"""Recording source for solutions/07_migrate_openai_to_inference: the lesson's three exercises."""

from tools.wire import chat_completion, interaction

REFERENCES = ["model-inference", "azure-openai", "openai-types", "real-answers"]
NOTE = ("Synthesized, not recorded live. The serverless chat completions follow the Azure AI model inference REST API "
        "(2024-05-01-preview); the model name mistral-large-2411 is illustrative. The Azure OpenAI v1 chat completion "
        "follows openai 3.54.0's ChatCompletion type with Azure OpenAI's content-filter annotations.")

CHAT = "https://example-model.eastus2.models.ai.azure.com/chat/completions?api-version=2024-05-01-preview"
V1_CHAT = "https://example-resource.openai.azure.com/openai/v1/chat/completions"
POET = [{"role": "system", "content": "You are a poet."}, {"role": "user", "content": "Write a haiku about the sea."}]
SAMPLE = [{"role": "system", "content": "You are a helpful assistant."},
          {"role": "user", "content": "Write a one-sentence bedtime story about a unicorn."}]


def interactions():
    return [
        # Exercise 1: the OpenAI snippet migrated to ChatCompletionsClient.complete().
        interaction("POST", CHAT, {"messages": POET, "max_tokens": 40, "temperature": 0.2},
                    chat_completion("Waves fold into foam,\nsalt wind carries gull voices,\nthe tide keeps its time.",
                                    "mistral-large-2411", prompt_tokens=16, completion_tokens=21,
                                    id="chatcmpl-kit-s0701")),
        # Exercise 2: the notebook-safe sample, called again with the key restored.
        interaction("POST", CHAT, {"messages": SAMPLE},
                    chat_completion("On a hill of soft clover, a little unicorn counted shooting stars until her "
                                    "glowing horn dimmed and she drifted off to sleep.", "mistral-large-2411",
                                    prompt_tokens=27, completion_tokens=29, id="chatcmpl-kit-s0702")),
        # Exercise 3: the same snippet on Azure OpenAI v1 (deployment gpt-4.1).
        interaction("POST", V1_CHAT, {"model": "gpt-4.1", "messages": POET, "max_tokens": 40, "temperature": 0.2},
                    chat_completion("Endless blue expanse,\nwhispers of the ocean breeze,\nwaves embrace the shore.",
                                    "gpt-4.1-2025-04-14", prompt_tokens=24, completion_tokens=19, azure_openai=True,
                                    id="chatcmpl-kit-s0703"), auth="bearer"),
    ]
