"""Which mode each endpoint of a notebook runs in: live, replay or record, each endpoint decided on its own.

An endpoint is an endpoint variable with the keys that open it, a key whose service has a fixed host (GitHub Models,
OpenAI), or Entra ID. Unset NOTEBOOK_MODE: an endpoint goes live when its values are set and usable and its route still
serves, and replays otherwise. replay replays everything; live makes every usable endpoint live; record records the
live endpoints and replays the rest from the recording.
"""

import enum
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import endpoints as ep
from .errors import ModeError
from .settings import problem


class Mode(enum.Enum):
    REPLAY = "replay"
    LIVE = "live"
    RECORD = "record"


NAMES = tuple(mode.value for mode in Mode)
ENTRA_ID = "Entra ID"
ENTRA_ID_SERVES = ("live after `az login` (with a role such as Cognitive Services OpenAI User on the resource), "
                   "replay otherwise")


@dataclass(frozen=True)
class Endpoint:
    name: str  # the endpoint variable, the key of a fixed-host service, or ENTRA_ID
    variables: tuple = ()  # every one must be usable for it to go live
    kind: ep.EndpointKind | None = None  # a fixed-host service's

    def kind_in(self, environ):
        if self.kind or not self.variables:
            return self.kind
        return ep.detect(environ.get(self.name) or "")

    def hosts(self, environ):
        """The hosts its requests go to with these values."""
        if self.kind:
            return self.kind.hosts
        return (urlsplit(environ[self.name]).hostname,) if environ.get(self.name) else ()


@dataclass(frozen=True)
class Decision:
    endpoint: Endpoint
    mode: Mode
    why: str = ""  # replay's reason, as the banner says it: not set, not usable (why), a retired route, ...
    problem: str | None = None  # the first unusable value, when there is one
    hosts: tuple = ()  # a live endpoint's

    @property
    def live(self):
        return self.mode is not Mode.REPLAY


def endpoints_for(variables, uses_entra_id):
    """The endpoints behind a notebook's variables, in the order the notebook lists them."""
    names = {v.name for v in variables}
    found = []
    for variable in variables:
        if variable.is_endpoint:
            keys = tuple(k for k in variables if variable.name in k.opens)
            found.append(Endpoint(variable.name, (variable, *keys)))
        elif variable.secret and not names & set(variable.opens):
            found.append(Endpoint(variable.name, (variable,), variable.service))
    if uses_entra_id:
        found.append(Endpoint(ENTRA_ID))
    return tuple(found)


def signed_in(environ):
    """Whether the Azure CLI holds a sign-in (its profile lists a subscription): Entra ID can then go live."""
    folder = Path(environ.get("AZURE_CONFIG_DIR") or Path(environ.get("HOME") or Path.home()) / ".azure")
    try:
        profile = json.loads((folder / "azureProfile.json").read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return False
    return bool(isinstance(profile, dict) and profile.get("subscriptions"))


def retired_route(kinds):
    """Why an endpoint of these kinds replays whatever its values, or None when one of them still serves."""
    if not kinds or not all(kind in ep.RETIRED for kind in kinds):
        return None
    return f"a retired route ({'; '.join(sorted({kind.retirement.fact for kind in kinds}))})"


def _decide(endpoint, environ, entra_id_ready):
    if endpoint.name == ENTRA_ID:
        if entra_id_ready:
            return Decision(endpoint, Mode.LIVE)
        return Decision(endpoint, Mode.REPLAY, "no Azure CLI sign-in (az login)")
    possible = (endpoint.kind,) if endpoint.kind else endpoint.variables[0].kinds
    retired = retired_route(possible)
    if retired:
        return Decision(endpoint, Mode.REPLAY, retired)
    if all(environ.get(v.name) is None for v in endpoint.variables):
        return Decision(endpoint, Mode.REPLAY, "not set")
    found = next((p for p in (problem(v, environ.get(v.name)) for v in endpoint.variables) if p), None)
    if found:
        return Decision(endpoint, Mode.REPLAY, f"not usable ({found.split('. ')[0].rstrip('.')})", found)
    retired = retired_route((endpoint.kind_in(environ),))
    if retired:
        return Decision(endpoint, Mode.REPLAY, retired)
    return Decision(endpoint, Mode.LIVE, hosts=endpoint.hosts(environ))


def requested(value):
    """The Mode NOTEBOOK_MODE asks for, or None when it is unset or empty (each endpoint decided on its own)."""
    wanted = (value or "").strip().lower()
    if wanted and wanted not in NAMES:
        raise ModeError(
            f"NOTEBOOK_MODE={value!r} is not a mode. Use one of: {', '.join(NAMES)}, or leave it unset "
            "(each endpoint live when its variables are set, replayed otherwise)."
        )
    return Mode(wanted) if wanted else None


def choose(wanted, endpoints, environ):
    """Each endpoint's Decision, from the Mode NOTEBOOK_MODE asks for (None: each on its own) and environ's values."""
    if wanted is Mode.REPLAY:
        return tuple(Decision(e, Mode.REPLAY, "NOTEBOOK_MODE=replay") for e in endpoints)
    entra_id_ready = signed_in(environ) or bool(environ.get("AZURE_TOKEN_CREDENTIALS"))
    decisions = tuple(_decide(e, environ, entra_id_ready) for e in endpoints)
    if wanted is None:
        return decisions
    unusable = [d.problem for d in decisions if d.problem]
    if unusable:
        raise ModeError(f"NOTEBOOK_MODE={wanted.value} cannot use these values:\n"
                        + "\n".join(f"  - {p}" for p in unusable)
                        + "\nFix it in .env (or delete the line), or unset NOTEBOOK_MODE.")
    if not any(d.live and d.endpoint.name != ENTRA_ID for d in decisions):
        raise ModeError(f"NOTEBOOK_MODE={wanted.value} needs an endpoint to call, and none of this notebook's is set. "
                        f"{go_live(endpoints)} Or unset NOTEBOOK_MODE to replay.")
    return tuple(Decision(d.endpoint, wanted, hosts=d.hosts) if d.live else d for d in decisions)


def go_live(endpoints):
    """The one step to go live: the Azure OpenAI variables these endpoints read (the one resource still offered),
    else those of the routes that still serve."""
    aoai = [v.name for e in endpoints for v in e.variables if v.name.startswith("AZURE_OPENAI_")]
    if aoai:
        return f"To go live, put your Azure OpenAI resource's {_listed(aoai)} in .env (see .env.example)."
    serving = [v.name for e in endpoints if e.kind not in ep.RETIRED for v in e.variables
               if not (v.kinds and set(v.kinds) <= set(ep.RETIRED))]
    return f"To go live, put your {_listed(serving)} in .env (see .env.example)."


def _listed(names):
    return ", ".join(dict.fromkeys(names))
