"""Turn errors raised below the notebook (a replay miss, a retired route) into one message with its fix."""

import linecache
import sysconfig
import traceback
from urllib.parse import urlsplit

from . import endpoints as ep

MIGRATION = "notebooks/08_migrate_inference_to_openai_v1.ipynb"
RECORD_HINT = ("record it with real credentials: NOTEBOOK_MODE=record (README, 'Recording'), "
               "or set NOTEBOOK_MODE=live to ask the service directly")


def chain(error):
    """The error, then its causes and contexts, each once."""
    seen = []
    while error is not None and error not in seen:
        seen.append(error)
        error = error.__cause__ or error.__context__
    return seen


def replay_miss(error, notebook):
    """The kit's message for vcrpy's CannotOverwriteExistingCassetteException, or None for other errors."""
    from vcr.errors import CannotOverwriteExistingCassetteException

    miss = next((e for e in chain(error) if isinstance(e, CannotOverwriteExistingCassetteException)), None)
    if miss is None:
        return None
    request = miss.failed_request
    target = f"{request.method} {request.path}" + (f"?{urlsplit(request.uri).query}" if request.query else "")
    lines = [f"Replay of {notebook} has no recorded answer for {target} (host {request.host})."]
    if miss.reason == "already_played":
        lines += [
            "The recording has this request, but its answer was already used: each recorded answer plays once, "
            "in order, as the service answered it.",
            "Fix: restart the kernel and run the notebook from the top (Kernel > Restart Kernel and Run All Cells).",
        ]
    elif miss.reason == "no_match" and miss.similar_requests:
        # vcrpy ranks by how many matchers agree; among equals, the smallest difference is the closest.
        closest, _, failed = min(miss.similar_requests,
                                 key=lambda similar: (len(similar[2]), sum(len(m or "") for _, m in similar[2])))
        lines.append(f"Closest recorded request: {closest.method} {closest.path} (host {closest.host}); it differs in:")
        for name, message in failed:
            detail = (message or "").strip().splitlines()
            lines.append(f"  {name}" + (":" if detail else ""))
            lines += [f"    {line}" for line in detail]
        lines += [
            "A changed prompt, parameter or endpoint is a new request, and replay only answers what was recorded.",
            f"Fix: undo the change, or {RECORD_HINT}.",
        ]
    else:
        lines += ["Nothing in the recording resembles it.", f"Fix: {RECORD_HINT}."]
    return "\n".join(lines)


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
    if kind not in ep.RETIRED:
        return None
    return (f"The service answered {status} for a {kind.label} route, which is retired ({kind.serves}).\n"
            f"Move this code to the OpenAI v1 API (https://<resource>.openai.azure.com/openai/v1/): see {MIGRATION}.")


_LIBRARIES = tuple(sysconfig.get_paths()[key] for key in ("stdlib", "purelib", "platlib"))


def short_traceback(error, cell_name=lambda filename: None):
    """The error's traceback with only the learner's own frames: what an SDK error needs to be read.

    cell_name turns a notebook cell's file name into its label (IPython's "In [5]"), or None for other files.
    """
    frames = traceback.extract_tb(error.__traceback__)
    own = [frame for frame in frames if not frame.filename.startswith(_LIBRARIES)]
    hidden = len(frames) - len(own)
    lines = [f"Traceback ({hidden} frames inside the libraries hidden by the kit):" if hidden else "Traceback:"]
    for frame in own:
        label = cell_name(frame.filename)
        where = f"Cell {label}, line {frame.lineno}" if label else f'File "{frame.filename}", line {frame.lineno}'
        lines.append(f"  {where}, in {frame.name}")
        code = linecache.getline(frame.filename, frame.lineno).strip()
        if code:
            lines.append(f"    {code}")
    return lines + traceback.format_exception_only(error)[-1].rstrip("\n").splitlines()


def explained_types():
    """The exception types whose message explain() may replace."""
    from azure.core.exceptions import AzureError
    from openai import OpenAIError
    from vcr.errors import CannotOverwriteExistingCassetteException

    return (CannotOverwriteExistingCassetteException, AzureError, OpenAIError)


def explain(error, notebook):
    """One readable message for an error the learner cannot fix from its stack trace, or None."""
    return replay_miss(error, notebook) or retired_route(error)
