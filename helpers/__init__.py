"""The kit behind the notebooks. A notebook needs one line: ``from helpers import start; start("02_chat")``.

Notebooks import only what __all__ lists; the modules are for tests and for the curious:
settings, endpoints, modes, plan (a pure plan of the session), apply (putting it in effect and undoing it),
session (replay, record, live), replay and standins (answers), cassettes, matching, scrubbing, network, ipython,
pacing, vcr_adapter, explain, display, errors, retirements (what is retired, with its sources), masking (a cell
shows secrets by their names), secret_guard (the commit guard), migrate, doctor.
"""

__all__ = ["start", "show_requests"]


def start(notebook):
    """Load .env, choose the mode, open the notebook's recording and print the banner."""
    from .kit import start as _start

    _start(notebook)


def show_requests(**options):
    """Print the requests the previous cell sent, with secrets masked."""
    from .display import show_requests as _show

    _show(**options)
