"""Which mode a notebook runs in: replay, live or record."""

import enum
from dataclasses import dataclass

from .errors import ModeError
from .settings import problem


class Mode(enum.Enum):
    REPLAY = "replay"
    LIVE = "live"
    RECORD = "record"


@dataclass(frozen=True)
class Choice:
    mode: Mode
    reason: str
    problems: tuple = ()


NAMES = tuple(mode.value for mode in Mode)


def choose(requested, variables, environ):
    """Pick the mode from NOTEBOOK_MODE (requested) and the state of the notebook's variables.

    Unset means live when every variable is usable and replay otherwise; live and record
    with an unusable variable raise ModeError listing each problem and its fix.
    """
    problems = tuple(p for p in (problem(v, environ.get(v.name)) for v in variables) if p)
    wanted = (requested or "").strip().lower()
    if wanted and wanted not in NAMES:
        raise ModeError(
            f"NOTEBOOK_MODE={requested!r} is not a mode. Use one of: {', '.join(NAMES)}, or leave it unset "
            "(live when every variable is set, replay otherwise)."
        )
    if wanted == "replay":
        return Choice(Mode.REPLAY, "NOTEBOOK_MODE=replay")
    if wanted:
        if problems:
            raise ModeError(
                f"NOTEBOOK_MODE={wanted} needs every variable of this notebook, and some cannot be used:\n"
                + "\n".join(f"  - {p}" for p in problems)
                + "\nFix them in .env, or set NOTEBOOK_MODE=replay to run from the recordings."
            )
        return Choice(Mode(wanted), f"NOTEBOOK_MODE={wanted}")
    if problems:
        return Choice(Mode.REPLAY, "automatic: not every variable is set", problems)
    return Choice(Mode.LIVE, "automatic: every variable is set")
