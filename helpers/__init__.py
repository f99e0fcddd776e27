"""The kit behind the notebooks. A notebook needs one line: ``from helpers import start; start("02_chat")``."""


def start(notebook):
    """Load .env, choose the mode, open the notebook's recording and print the banner."""
    from .kit import start as _start

    _start(notebook)
