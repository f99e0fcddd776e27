"""Turn errors raised below the notebook (a replay miss, a retired route) into one message with its fix."""

import sys
from urllib.parse import urlsplit

from openai_v1_migrate import retirements

from . import endpoints as ep

MOVE = (f"Move this code to the OpenAI v1 API (https://<resource>.openai.azure.com/openai/v1/): "
        f"see {retirements.MIGRATION}.")


def chain(error):
    """The error, then its causes, contexts and the error azure-core wrapped (inner_exception), each once."""
    seen = []
    while error is not None and error not in seen:
        seen.append(error)
        error = error.__cause__ or error.__context__ or getattr(error, "inner_exception", None)
    return seen


def replay_miss(error, notebook):
    """The kit's message for a request strict replay has no answer for, or None for other errors."""
    from .errors import ReplayMissError

    miss = next((e for e in chain(error) if isinstance(e, ReplayMissError)), None)
    return None if miss is None else str(miss)


def _status_and_url(error):
    response = getattr(error, "response", None)
    status = getattr(error, "status_code", None) or getattr(response, "status_code", None)
    request = getattr(response, "request", None)
    url = str(getattr(request, "url", "") or "")
    return status, url


def retired_route(error):
    """The kit's message for a 404/410 from a retired route, or None."""
    status, url = _status_and_url(error)
    if status not in (404, 410) or not url:
        return None
    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}{parts.path}"
    for suffix in ("/chat/completions", "/embeddings", "/images/embeddings", "/info"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    kind = ep.detect(base)
    if kind is ep.AOAI_DEPLOYMENT and parts.path.endswith("/info"):
        return (f"The service answered {status}: Azure OpenAI deployments have no /info route, so load_client and "
                "get_model_info cannot work there (azure-sdk-for-python #39310). Create ChatCompletionsClient "
                "directly, with api_version, as notebook 02_chat shows.")
    retirement = kind.retired if kind else None
    if retirement is None:
        return None
    return (f"The service answered {status} for a {kind.label} route, which is retired ({retirement.fact}).\n"
            f"{MOVE}")


# The SDKs' errors for a request that reached no server, as (module, class)
CONNECTION_ERRORS = (("azure.core.exceptions", "ServiceRequestError"), ("openai", "APIConnectionError"))


def _connection_errors():
    """The classes of CONNECTION_ERRORS this kernel has loaded. No error is an instance of a class never imported, and
    importing openai to learn so would cost a notebook that never used it most of a second."""
    return tuple(getattr(sys.modules.get(module), name, None) or () for module, name in CONNECTION_ERRORS)


def _unreachable_host(error):
    """The host of a connection error's request: openai's APIConnectionError and the requests error azure-core's
    ServiceRequestError wraps carry the request, aiohttp's connector error its host. None for other errors."""
    errors = chain(error)
    if not any(isinstance(e, _connection_errors()) for e in errors):
        return None
    for each in errors:
        url = getattr(getattr(each, "request", None), "url", None)
        host = urlsplit(str(url)).hostname if url else getattr(each, "host", None)
        if isinstance(host, str):
            return host.lower()
    return None


def retired_host(error):
    """The kit's message for a connection error to GitHub Models' Azure host, which no longer answers, or None."""
    host = _unreachable_host(error)
    if host not in ep.GITHUB_MODELS_HOSTS:
        return None
    retired = retirements.GITHUB_MODELS
    return (f"{host} did not answer: it is an endpoint of {retired.name}, which was retired on {retired.date}: "
            f"{retired.what}.\n{MOVE}")


def explain(error, notebook):
    """One readable message for an error the learner cannot fix from its stack trace, or None."""
    return replay_miss(error, notebook) or retired_route(error) or retired_host(error)
