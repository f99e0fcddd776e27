"""Turn errors raised below the notebook (a replay miss, a retired route) into one message with its fix."""

import difflib
import json
import linecache
import sysconfig
import traceback
from pathlib import Path
from urllib.parse import urlsplit

from . import endpoints as ep
from . import retirements
from .cassettes import shown

MOVE = f"Move this code to the OpenAI v1 API (https://<resource>.openai.azure.com/openai/v1/): see {ep.MIGRATION}."
RECORD_HINT = ("set NOTEBOOK_MODE=live with your own .env to ask the service, or record the notebook again "
               "(NOTEBOOK_MODE=record, README 'Recording')")


def chain(error):
    """The error, then its causes, contexts and the error azure-core wrapped (inner_exception), each once."""
    seen = []
    while error is not None and error not in seen:
        seen.append(error)
        error = error.__cause__ or error.__context__ or getattr(error, "inner_exception", None)
    return seen


def miss_message(notebook, sent, recorded):
    """What strict replay says about a request no recorded one matches: what differs from the closest, recorded
    against sent, and what can be done."""
    from .matching import differences

    lines = [f"Replay of {notebook} has no recorded answer for this request:", f"  sent:     {_line(sent)}"]
    if recorded:
        closest = min(recorded, key=lambda r: _distance(differences(sent, r)))
        lines.append(f"  closest:  {_line(closest)}")
        lines.append("It differs from the closest recorded request in (recorded -> sent):")
        for part, old, new in differences(sent, closest):
            lines.append(f"  {part}: {_shown(old)} -> {_shown(new)}")
    lines += [
        "A changed prompt, parameter or endpoint is a new request, and strict replay answers only what was recorded.",
        "Fix: undo the change to get the recorded answer; for a real answer, "
        f"{RECORD_HINT}. Outside the tests, replay answers a new request with a stand-in "
        "(NOTEBOOK_REPLAY_STRICT unset).",
    ]
    return "\n".join(lines)


def _distance(found):
    """How far a recorded request is from the sent one: how many parts differ, then how many characters, so a
    reworded prompt is closest to the prompt it was, not to another prompt or a longer conversation."""
    changed = 0
    for _, old, new in found:
        matcher = difflib.SequenceMatcher(None, str(old), str(new), autojunk=False)
        changed += sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    return len(found), changed


def replay_miss(error, notebook):
    """The kit's message for a request strict replay has no answer for, or None for other errors."""
    from .errors import ReplayMissError

    miss = next((e for e in chain(error) if isinstance(e, ReplayMissError)), None)
    return None if miss is None else str(miss)


def _line(request):
    return f"{request.method} {request.scheme}://{request.host}{request.path}" + (
        f"?{urlsplit(request.uri).query}" if urlsplit(request.uri).query else "")


def _shown(value):
    from .matching import MISSING

    return value if value == MISSING else json.dumps(value, ensure_ascii=False)


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
    retirement = retirements.BY_KIND.get(kind.name) if kind else None
    if retirement is None or not retirement.date:
        return None
    return (f"The service answered {status} for a {kind.label} route, which is retired ({retirement.fact}).\n"
            f"{MOVE}")


def _unreachable_host(error):
    """The host of a connection error's request: openai's APIConnectionError and the requests error azure-core's
    ServiceRequestError wraps carry the request, aiohttp's connector error its host. None for other errors."""
    from azure.core.exceptions import ServiceRequestError
    from openai import APIConnectionError

    errors = chain(error)
    if not any(isinstance(e, (ServiceRequestError, APIConnectionError)) for e in errors):
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


_LIBRARIES = tuple({sysconfig.get_paths()[key] for key in ("stdlib", "purelib", "platlib")}) + (
    str(Path(__file__).resolve().parent),)


def short_traceback(error, cell_name=lambda filename: None):
    """The error's traceback with only the learner's own frames: what an SDK error needs to be read.

    cell_name turns a notebook cell's file name into its label (IPython's "In [5]"), or None for other files.
    Frames inside the Python libraries, the SDKs and the kit itself are counted, not shown.
    """
    frames = traceback.extract_tb(error.__traceback__)
    own = [frame for frame in frames if cell_name(frame.filename) or not frame.filename.startswith(_LIBRARIES)]
    hidden = len(frames) - len(own)
    lines = [f"Traceback ({hidden} frames inside the libraries hidden by the kit):" if hidden else "Traceback:"]
    for frame in own:
        label = cell_name(frame.filename)
        where = f"Cell {label}" if label else f'File "{shown(frame.filename)}"'
        where += f", line {frame.lineno}"
        lines.append(f"  {where}, in {frame.name}")
        code = linecache.getline(frame.filename, frame.lineno).strip()
        if code:
            lines.append(f"    {code}")
    return lines + traceback.format_exception_only(error)[-1].rstrip("\n").splitlines()


def explain(error, notebook):
    """One readable message for an error the learner cannot fix from its stack trace, or None."""
    return replay_miss(error, notebook) or retired_route(error) or retired_host(error)
