"""A support-ticket summarizer written for openai 0.28 against Azure OpenAI."""
import logging
import os

import openai as oai

oai.api_type = "azure"
oai.api_base = os.environ["AZURE_OPENAI_ENDPOINT"]
oai.api_version = "2023-05-15"
oai.api_key = os.environ["AZURE_OPENAI_API_KEY"]
oai.proxy = os.environ.get("HTTPS_PROXY")

log = logging.getLogger(__name__)


def summarize(ticket):
    try:
        response = oai.ChatCompletion.create(
            engine="gpt-4o-mini",  # which deployment?
            messages=[{"role": "user", "content": f"Summarize: {ticket}"}],
            request_timeout=30,
        )
    except oai.error.RateLimitError:
        log.warning("throttled")
        return None
    except (oai.error.Timeout, oai.error.ServiceUnavailableError):
        return None
    except oai.error.InvalidRequestError as error:
        log.error("bad request: %s", error)
        raise
    except oai.error.APIError:
        return None
    log.info("tokens: %s", response["usage"]["total_tokens"])
    return response["choices"][0]["message"]["content"]


def stream_summary(ticket):
    stream = oai.ChatCompletion.create(engine="gpt-4o-mini", stream=True,
                                       messages=[{"role": "user", "content": ticket}])
    for chunk in stream:
        if chunk["choices"]:
            yield chunk["choices"][0]["delta"].get("content") or ""


def embed(texts):
    result = oai.Embedding.create(engine="text-embedding-3-small", input=texts)
    return [item["embedding"] for item in result["data"]]


def is_flagged(text):
    return oai.Moderation.create(input=text)["results"][0]["flagged"]


def deployments():
    return [model["id"] for model in oai.Model.list()["data"]]
