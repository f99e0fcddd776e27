"""The plan of a session: everything start() will do, worked out from the settings without changing anything.

make() reads .env and the environment and returns a Plan; helpers.apply carries it out and can undo it.
"""

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from . import modes, settings
from .cassettes import cassette_path, exercise_answers, shown
from .credentials import OFFLINE_TOKEN
from .endpoints import RETIRED
from .errors import SettingError
from .modes import ENTRA_ID, Mode
from .paths import ROOT
from .scrubbing import Scrubber
from .settings import VARIABLES

OFFLINE_AZ = Path(__file__).resolve().parent / "offline_az"
ENTRA_ID_NOTEBOOKS = ("01_auth", "08_migrate_inference_to_openai_v1", "09_migrate_legacy_completions")


@dataclass(frozen=True)
class Plan:
    notebook: str
    variables: tuple
    decisions: tuple  # one modes.Decision per endpoint
    requested: Mode | None  # what NOTEBOOK_MODE asks for; None: each endpoint decided on its own
    env_file: Path | None
    environment: dict = field(default_factory=dict)  # name -> value to set for the session
    pace: float = 0
    strict: bool = False
    overwrite: bool = False
    scrubber: Scrubber = field(default_factory=Scrubber)
    cassette: Path | None = None
    exercises: Path | None = None
    replay_hosts: frozenset = frozenset()  # where a request is answered from the cassette while others go live
    finish_at_exit: bool = True

    @property
    def mode(self):
        """RECORD when recording, LIVE when any endpoint is live, else REPLAY."""
        modes = {d.mode for d in self.decisions}
        return next((m for m in (Mode.RECORD, Mode.LIVE) if m in modes), Mode.REPLAY)

    @property
    def live(self):
        return tuple(d for d in self.decisions if d.live)


def _offline_path(environ):
    """PATH with the offline Azure CLI first, then this kernel's own Python, as an activated venv would have it."""
    first = [str(OFFLINE_AZ), str(Path(sys.executable).parent)]
    rest = [entry for entry in environ.get("PATH", "").split(os.pathsep) if entry and entry not in first]
    return os.pathsep.join(first + rest)


def _check_writable(folder):
    nearest = folder if folder.exists() else folder.parent
    if not (nearest.is_dir() and os.access(nearest, os.W_OK)):
        raise SettingError(f"Record mode cannot write to {shown(folder)}/: the folder is not writable. Make it "
                           "writable (or record in a copy of the kit you own), or set NOTEBOOK_MODE=replay. "
                           "Nothing was sent.")


def make(notebook, environ, directory=None, use_env_file=True):
    """The plan for start(notebook) with the process environment environ (the learner's shell wins over .env, which
    is looked for in the notebook's folder and above). directory holds the cassettes (tests use their own)."""
    variables = tuple(settings.variables_for(notebook))
    skip = not use_env_file or environ.get("NOTEBOOK_ENV_FILE", "").strip().lower() == "none"
    env_file = None if skip else settings.env_file_for(notebook)
    from_file = {k: v for k, v in settings.read_env(env_file).items() if k not in environ}
    merged = {**environ, **from_file}
    requested = modes.requested(merged.get("NOTEBOOK_MODE"))
    endpoints = modes.endpoints_for(variables, notebook.removeprefix("solutions/") in ENTRA_ID_NOTEBOOKS)
    decisions = modes.choose(requested, endpoints, merged)
    live = [d.endpoint for d in decisions if d.live]
    kept = {v.name for e in live for v in e.variables}
    placeholders = {v.name: v.placeholder for v in variables if v.name not in kept}
    environment = {**from_file, **placeholders}
    entra_id = [d for d in decisions if d.endpoint.name == ENTRA_ID]
    if (entra_id and not entra_id[0].live) or not live:
        environment.update(AZURE_TOKEN_CREDENTIALS="AzureCliCredential", PATH=_offline_path(merged))
    values = {**merged, **environment}
    secrets = [v.placeholder for v in variables if v.secret] + [values.get(n) for n in kept if VARIABLES[n].secret]
    pairs = [(merged[n], VARIABLES[n].placeholder) for n in kept if VARIABLES[n].is_endpoint]
    scrubber = Scrubber([*secrets, OFFLINE_TOKEN], pairs, key_pairs(variables, values))
    replayed = [d.endpoint for d in decisions if not d.live]
    pace = settings.replay_pace(merged, notebook)  # checked in any mode; it only acts on replayed streams
    replay_hosts = {host for e in replayed for host in e.hosts(values)} | {h for k in RETIRED for h in k.hosts}
    common = dict(notebook=notebook, variables=variables, decisions=decisions, requested=requested,
                  env_file=env_file, environment=environment, scrubber=scrubber,
                  cassette=cassette_path(notebook, directory), replay_hosts=frozenset(replay_hosts),
                  pace=pace if replayed and requested is not Mode.RECORD else 0,
                  strict=settings.flag(merged, "NOTEBOOK_REPLAY_STRICT"))
    if requested is not Mode.RECORD:
        return Plan(**common, exercises=exercise_answers(notebook, directory))
    _check_writable(common["cassette"].parent)
    return Plan(**common, overwrite=settings.flag(merged, "NOTEBOOK_RECORD_OVERWRITE"),
                finish_at_exit=merged.get("NOTEBOOK_RECORD_FINISH", "at-exit") != "by-runner")


def key_pairs(variables, values):
    """(key, endpoint) for each of the notebook's keys and each of its endpoints that key opens, as values has them."""
    names = {v.name for v in variables}
    return [(values[v.name], values[endpoint]) for v in variables for endpoint in v.opens
            if endpoint in names and values.get(v.name) and values.get(endpoint)]


def env_file_label(plan):
    if plan.env_file is None:
        return None
    return os.path.relpath(plan.env_file, ROOT).replace(os.sep, "/")
