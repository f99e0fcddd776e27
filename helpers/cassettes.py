"""Cassette files: where they live, reading and checking them, and their provenance."""

import datetime
import functools
from importlib import metadata
from pathlib import Path

import yaml

from .errors import CassetteError
from .paths import RECORDINGS, ROOT

SDKS = ("azure-ai-inference", "azure-core", "azure-identity", "openai", "vcrpy")


def cassette_path(notebook, directory=None):
    return Path(directory or RECORDINGS) / f"{notebook}.yaml"


def exercise_answers(notebook, directory=None):
    """The cassette whose answers a lesson's exercises get: its solutions notebook's, when it has one."""
    if notebook.startswith("solutions/"):
        return None
    path = cassette_path(f"solutions/{notebook}", directory)
    return path if path.exists() else None


def shown(path):
    """A path as the learner may see it: relative to the checkout, never the machine's absolute path."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).name


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where PyYAML has it: some 20 times faster


def load(path):
    """Read and check a cassette; raise CassetteError, leaving the file untouched, when it cannot be used. Read again
    only when the file changes: callers share what it returns and must not change it."""
    path = Path(path)
    stamp = path.stat() if path.exists() else None
    return _load(path, stamp and (stamp.st_mtime_ns, stamp.st_size))


@functools.lru_cache(maxsize=64)
def _load(path, stamp):
    name = shown(path)
    fix = (f"The file was left as it is. Restore it with `git checkout -- {name}`, "
           "or record it again (README, 'Recording').")
    if not path.exists():
        raise CassetteError(f"There is no recording {name}. Replay needs it. {fix}")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        where = getattr(error, "problem_mark", None)
        line = f" near line {where.line + 1}" if where else ""
        raise CassetteError(f"{name} is not valid YAML{line}, so it is not a readable cassette. {fix}") from None
    interactions = data.get("interactions") if isinstance(data, dict) else None
    if not isinstance(interactions, list):
        raise CassetteError(f"{name} has no list of 'interactions', so it is not a vcrpy cassette. {fix}")
    for number, interaction in enumerate(interactions, start=1):
        try:
            request, response = interaction["request"], interaction["response"]
            request["method"], request["uri"], request["headers"], response["headers"]
            int(response["status"]["code"])
            response["body"]["string"]
        except (KeyError, TypeError, ValueError):
            raise CassetteError(
                f"{name}: interaction {number} lacks a request method, uri or headers, or a response "
                f"status code, headers or body. {fix}"
            ) from None
    return data


def provenance(path):
    """The cassette's provenance record: where its bodies came from."""
    return (load(path).get("metadata") or {}).get("provenance") or {}


SYNTHESIZED = "synthesized"


def origins(data):
    """Where each interaction of a cassette (as read) came from: "synthesized" or "recorded", in order."""
    record = (data.get("metadata") or {}).get("provenance") or {}
    count = len(data.get("interactions") or [])
    return list(record.get("origins") or [record.get("source", "unknown")] * count)


def describe_provenance(record, count=None):
    """One phrase on where a cassette's answers came from; count: how many interactions it holds."""
    recorded = record.get("recorded", record)
    versions = ", ".join(f"{k} {v}" for k, v in sorted(recorded.get("sdk_versions", {}).items()))
    live = f"recorded live on {recorded.get('recorded_on')} ({versions})"
    if record.get("source") == "mixed":
        found = record.get("origins", [])
        return (f"{found.count('recorded')} answers {live} and {found.count(SYNTHESIZED)} synthesized from the "
                "documented wire format (its metadata cites the sources)")
    if record.get("source") == "recorded":
        return live
    if record.get("source") == SYNTHESIZED:
        return "synthesized from the documented wire format, not recorded live"
    return "of unknown origin: the cassette carries no provenance"


def write(path, data):
    """Write a cassette as the kit writes every cassette, so an interaction kept from another reads byte for byte."""
    Path(path).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")


def recorded_provenance(notebook):
    versions = {name: metadata.version(name) for name in SDKS}
    return {
        "source": "recorded",
        "recorded_on": datetime.date.today().isoformat(),
        "sdk_versions": versions,
        "note": f"Recorded live by NOTEBOOK_MODE=record from notebooks/{notebook}.ipynb; keys, tokens, identities "
                "and resource hostnames were scrubbed by helpers.scrubbing, and the Entra ID token exchange was "
                "not recorded.",
    }
