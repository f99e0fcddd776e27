"""The one kit cell: start("NN_topic") undoes what an earlier start() did, plans the session from the settings, puts
it in effect and prints the banner. Until it succeeds, the kernel stays offline and other cells are refused."""

import os

from . import ipython, network, plan
from .apply import apply, keep, undo_all
from .display import banner
from .errors import KitNotReadyError

_failure = {"said": None}  # what the kit cell said when it failed


def stop():
    """Undo everything the kit changed in this kernel, the network guard included (what start() does first)."""
    undo_all()
    _failure["said"] = None


def refuse():
    """What a cell runs instead of its own code while the kit cell has failed."""
    raise KitNotReadyError(
        f"The kit cell failed, so this kernel is offline and this cell did not run. The kit cell said: "
        f"{_failure['said']} Fix that, run the kit cell again, then this cell.")


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
        _failure["said"] = first
        network.block(f"The kit cell failed ({first}). Fix that and run the kit cell again.")
        if shell is not None:
            keep(ipython.refuse_cells(shell))
        raise
    print(banner(session_plan))


def preview(notebook, **environ):
    """Print the banner start() would print with these variables alone (no .env), changing nothing in this kernel."""
    print(banner(plan.make(notebook, environ, use_env_file=False)))
