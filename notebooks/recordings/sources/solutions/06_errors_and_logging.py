"""Recording source for solutions/06_errors_and_logging: the answers to the lesson's three exercises."""

from tools.wire import chat_completion, interaction, source

REFERENCES = ["model-inference", "azure-openai", "sdk-sources", "real-answers"]
NOTE = (
    "Synthesized, not recorded live. Chat bodies follow the Azure AI model inference REST API (2024-05-01-preview). "
    "Exercise 1's 429 is the lesson's Azure OpenAI deployment 429 (retry-after: 1); with retry_total=0 azure-core "
    "sends the request once. The Azure OpenAI v1 429 follows Azure "
    "OpenAI's documented error shape and rate-limit message (number of seconds left out), with 'retry-after-ms: 10' "
    "and x-ratelimit-remaining-* headers as Azure sends them on a 429. Answers whose headers a cell logs keep only "
    "Content-Type, because vcrpy 9.4.2 replays several response headers in an order that changes between processes."
)

lesson = source("06_errors_and_logging")
CHAT = lesson.CHAT + "/chat/completions" + lesson.QUERY
V1, MODEL, ask, logged = lesson.V1, lesson.MODEL, lesson.ask, lesson.logged


def interactions():
    return [
        # Exercise 1: retry_total=0
        interaction("POST", lesson.DEPLOYMENT, ask("How many meters are in a mile?"), lesson.DEPLOYMENT_429,
                    status=429, response_headers=lesson.DEPLOYMENT_429_HEADERS),
        # Exercise 2: openai with max_retries=0
        interaction("POST", V1, {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]},
                    lesson.AOAI_429, status=429, auth="bearer", response_headers=lesson.AOAI_429_HEADERS),
        # Exercise 3: logging_enable=True on one call
        logged(interaction("POST", CHAT, ask("How many yards are in a mile?"),
                           chat_completion("There are 1,760 yards in a mile.", MODEL, prompt_tokens=23,
                                           completion_tokens=11))),
        # Troubleshooting: two handlers, every record twice
        logged(interaction("POST", CHAT, ask("How many feet are in a yard?"),
                           chat_completion("There are 3 feet in a yard.", MODEL, prompt_tokens=23,
                                           completion_tokens=9))),
    ]
