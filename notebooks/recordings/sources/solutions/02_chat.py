"""Recording source for solutions/02_chat: a second conversation turn (azure-ai-inference and OpenAI v1), a
per-call max_tokens override, and the two more exercises (ask() and the usage of each turn)."""

from tools.wire import chat_completion, interaction, source

REFERENCES = ["model-inference", "azure-openai", "openai-types", "sdk-sources", "real-answers"]
NOTE = (
    'Synthesized, not recorded live. Azure OpenAI deployment answers follow the Azure OpenAI 2024-06-01 data-plane '
    'spec, with the prompt_filter_results and content_filter_results Azure adds; the serverless answer follows the '
    "Azure AI model inference REST API (2024-05-01-preview); the /openai/v1/ answers follow openai 3.54.0's "
    'ChatCompletion type with the same Azure annotations. Requests follow the SDK sources: the whole conversation '
    "is sent with each call, and a per-call max_tokens replaces the client's default in the JSON body."
)

lesson = source("02_chat")
AOAI = lesson.AOAI + "/chat/completions" + lesson.AOAI_VERSION
SERVERLESS = lesson.SERVERLESS + "/chat/completions" + lesson.PREVIEW
V1, GPT, CONVERSATION = lesson.V1, lesson.GPT, lesson.CONVERSATION
FIRST = "5,280 feet is about 1,609 meters (1,609.344 m, to be exact)."
SECOND = "1,609.344 meters is about 1.61 kilometers."
TWO_TURNS = CONVERSATION + [{"role": "assistant", "content": FIRST},
                            {"role": "user", "content": "And how many kilometers is that?"}]


def gpt(content, n, prompt_tokens, completion_tokens):
    return chat_completion(content, GPT, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens,
                           azure_openai=True, id=f"chatcmpl-kit-chat-s{n:02d}")


def interactions():
    return [
        # Exercise 1: the lesson's conversation, then a second turn.
        interaction("POST", AOAI, {"messages": CONVERSATION}, gpt(FIRST, 1, 48, 20)),
        interaction("POST", AOAI, {"messages": TWO_TURNS}, gpt(SECOND, 2, 83, 13)),
        # Exercise 2: default max_tokens=100, overridden by max_tokens=20 in the call.
        interaction("POST", SERVERLESS,
                    {"messages": CONVERSATION[:2], "max_tokens": 20},
                    chat_completion("There are 5,280 feet in a mile.", "mistral-large-2411", prompt_tokens=23,
                                    completion_tokens=11, id="chatcmpl-kit-chat-s03")),
        # Exercise 3: the same two turns with the OpenAI v1 client.
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": CONVERSATION}, gpt(FIRST, 4, 48, 20),
                    auth="bearer"),
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": TWO_TURNS}, gpt(SECOND, 5, 83, 13),
                    auth="bearer"),
        # Two more exercises: ask() sends exercise 1's two turns, then the usage cell sends them once more.
        *[interaction("POST", AOAI, body, gpt(answer, n, prompt, completion))
          for n, body, answer, prompt, completion in [
              (6, {"messages": CONVERSATION}, FIRST, 48, 20), (7, {"messages": TWO_TURNS}, SECOND, 83, 13),
              (8, {"messages": CONVERSATION}, FIRST, 48, 20), (9, {"messages": TWO_TURNS}, SECOND, 83, 13)]],
    ]
