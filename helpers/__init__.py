"""The kit behind the notebooks. A notebook needs one line: ``from helpers import start; start("02_chat")``.

Notebooks import only what __all__ lists, from ``helpers`` itself: start and preview (the kit cell and its banner),
show_requests, check, hint and solution (exercises), the lessons' tables and figures (usage_table, similarity_heatmap,
retry_timeline, packages_table, variables_table, kinds_table) and examine (the doctor in a notebook). The migration
checker is a package of its own, used through its interface (openai_v1_migrate.main); its retirements module is the
one table of what is retired, which helpers reads too. The modules are for tests and for the curious: settings,
endpoints, modes, plan (a pure plan of the session), apply (putting it in effect and undoing it), session (replay,
live, record), replay and standins (answers), cassettes, matching, scrubbing, credentials, network, ipython, pacing,
vcr_adapter, explain, tracebacks, requests_view, tables, figures, errors, masking (a cell shows secrets by their
names), secret_guard (the commit guard), exercises (check, hint, solution), doctor.
"""

import importlib

__all__ = ["start", "preview", "show_requests", "check", "hint", "solution", "usage_table", "similarity_heatmap",
           "retry_timeline", "packages_table", "variables_table", "kinds_table", "examine"]
_FROM = {"preview": "kit", "usage_table": "tables", "similarity_heatmap": "figures", "retry_timeline": "figures",
         "packages_table": "tables", "variables_table": "tables", "kinds_table": "tables", "examine": "doctor"}


def __getattr__(name):
    """The rest of the public surface, imported when first used, so that `import helpers` stays light."""
    if name not in _FROM:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_FROM[name]}", __name__), name)


def start(notebook):
    """Load .env, choose the mode, open the notebook's recording and print the banner."""
    from .kit import start as _start

    _start(notebook)


def show_requests(**options):
    """Print the requests this cell sent, or the previous cell's, with secrets masked."""
    from .requests_view import show_requests as _show

    _show(**options)


def check(n):
    """Print whether exercise n of this lesson is Correct, Incorrect (and what differs) or Not attempted."""
    from .apply import current_session
    from .exercises import verdict
    from .ipython import shell

    print(verdict(n, current_session(), getattr(shell(), "user_ns", {})))


def hint(n):
    """Print a hint for exercise n of this lesson."""
    from .exercises import exercise

    print(f"Hint: {exercise(n).hint.strip()}")


def solution(n):
    """Print the code that solves exercise n, from the lesson's solutions notebook, without running it."""
    from .exercises import solution_code

    print(solution_code(n))
