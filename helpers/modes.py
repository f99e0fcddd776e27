"""Which mode a notebook runs in: replay, live or record."""

from dataclasses import dataclass

from .errors import ModeError
from .settings import problem

MODES = ("replay", "live", "record")


@dataclass(frozen=True)
class Mode:
    name: str
    reason: str
    problems: tuple = ()


def choose(requested, variables, environ):
    """Pick the mode from NOTEBOOK_MODE (requested) and the state of the notebook's variables.

    Unset means live when every variable is usable and replay otherwise; live and record
    with an unusable variable raise ModeError listing each problem and its fix.
    """
    problems = tuple(p for p in (problem(v, environ.get(v.name)) for v in variables) if p)
    wanted = (requested or "").strip().lower()
    if wanted and wanted not in MODES:
        raise ModeError(
            f"NOTEBOOK_MODE={requested!r} is not a mode. Use one of: {', '.join(MODES)}, or leave it unset "
            "(live when every variable is set, replay otherwise)."
        )
    if wanted == "replay":
        return Mode("replay", "NOTEBOOK_MODE=replay")
    if wanted:
        if problems:
            raise ModeError(
                f"NOTEBOOK_MODE={wanted} needs every variable of this notebook, and some cannot be used:\n"
                + "\n".join(f"  - {p}" for p in problems)
                + "\nFix them in .env, or set NOTEBOOK_MODE=replay to run from the recordings."
            )
        return Mode(wanted, f"NOTEBOOK_MODE={wanted}")
    if problems:
        return Mode("replay", "automatic: not every variable is set", problems)
    return Mode("live", "automatic: every variable is set")
