"""The one kit cell: start("NN_topic") undoes what an earlier start() did, plans the session from the settings, puts
it in effect and prints the banner. Until it succeeds, the kernel stays offline and other cells are refused."""

import os

from . import ipython, network, plan
from .apply import apply, keep, undo_all
from .cassettes import describe_provenance
from .cassettes import provenance as read_provenance
from .errors import KitNotReadyError
from .modes import Mode, go_live
from .plan import env_file_label
from .settings import DEFAULT_PACES


def stop():
    """Undo everything the kit changed in this kernel, the network guard included (what start() does first)."""
    undo_all()


def refuse(said):
    """What a cell runs instead of its own code while the kit cell has failed, saying what the kit cell said."""
    raise KitNotReadyError(
        f"The kit cell failed, so this kernel is offline and this cell did not run. The kit cell said: "
        f"{said} Fix that, run the kit cell again, then this cell.")


def start(notebook, directory=None):
    """Set up this kernel for the notebook: the notebook's first cell. directory: where cassettes live (tests)."""
    stop()
    shell = ipython.shell()
    network.block("The kit cell has not finished. Run it first: it says which mode this notebook uses.")
    keep(network.unblock)
    if shell is not None:
        keep(ipython.show_errors_briefly(shell, notebook))
    try:
        session_plan = plan.make(notebook, dict(os.environ), directory)
        apply(session_plan, shell)
    except BaseException as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        network.block(f"The kit cell failed ({first}). Fix that and run the kit cell again.")
        if shell is not None:
            keep(ipython.refuse_cells(shell, first))
        raise
    print(banner(session_plan))


def preview(notebook, **environ):
    """Print the banner start() would print with these variables alone (no .env), changing nothing in this kernel."""
    print(banner(plan.make(notebook, environ, use_env_file=False)))


def _endpoint_lines(plan):
    """One line per live endpoint with its host; replayed endpoints share a line per reason."""
    lines = [f"  live: {d.endpoint.name}" + (f" ({', '.join(d.hosts)})" if d.hosts else "") for d in plan.live]
    reasons = {}
    for decision in plan.decisions:
        if not decision.live:
            reasons.setdefault(decision.why, []).append(decision.endpoint.name)
    return lines + [f"  replay, {reason}: {', '.join(names)}" for reason, names in reasons.items()]


def _record_target(plan, recording):
    if plan.overwrite or not plan.cassette.exists():
        return recording
    return f"{recording.removesuffix('.yaml')}.new.yaml (NOTEBOOK_RECORD_OVERWRITE=1 replaces the old one)"


# The banner's first line in each mode
FIRST_LINES = {
    Mode.REPLAY: "Kit ready: {notebook} replays every step from {recording}, {origin}. No network is used.",
    Mode.LIVE: "Kit ready: {notebook}. Live steps call your resource and use its quota; the others replay from "
               "{recording}.",
    Mode.RECORD: "Recording {notebook}: live steps are recorded, replayed steps are kept as {recording} has them. "
                 "Saved after every cell; when the notebook finishes it becomes {target}.",
}


def banner(plan):
    """The kit cell's banner: what answers each endpoint and why, the .env read, and the one step to change it."""
    notebook = plan.notebook
    origin = describe_provenance(read_provenance(plan.cassette)) if plan.cassette.exists() else "not recorded yet"
    recording = f"notebooks/recordings/{notebook}.yaml"
    first = FIRST_LINES[plan.mode].format(notebook=notebook, recording=recording, origin=origin,
                                          target=_record_target(plan, recording))
    lines = [first, *_endpoint_lines(plan)]
    if plan.pace != DEFAULT_PACES.get(notebook.removeprefix("solutions/"), 0) and plan.pace:
        lines.append(f"Streams are paced: one event every {plan.pace:g} s (NOTEBOOK_REPLAY_PACE).")
    env_file = env_file_label(plan)
    if env_file:
        lines.append(f"Settings read from {env_file}; your shell's values win over it.")
    if plan.mode is Mode.REPLAY and plan.requested is not Mode.REPLAY:
        lines.append(go_live([d.endpoint for d in plan.decisions]) + " Then run this cell again.")
    elif plan.mode is not Mode.REPLAY:
        lines.append("To replay everything: set NOTEBOOK_MODE=replay and run this cell again.")
    return "\n".join(lines)
