"""The kit's own errors: each says what is wrong and how to fix it.

In a notebook, IPython shows only the message (``_render_traceback_``), never a
stack trace from inside an SDK.
"""


class KitError(Exception):
    """Base class of every error the kit raises on purpose."""

    def _render_traceback_(self):
        return [f"{type(self).__name__}: {line}" if i == 0 else line for i, line in enumerate(str(self).splitlines())]


class SettingError(KitError):
    """A variable is missing, empty, malformed or still a placeholder."""


class EndpointKindError(SettingError):
    """An endpoint URL is of the wrong kind for the variable or client that reads it."""


class ModeError(KitError):
    """NOTEBOOK_MODE asks for something this notebook cannot do."""


class CassetteError(KitError):
    """A cassette is missing, corrupt or hand-edited in a way the kit cannot read."""


class ReplayMissError(KitError):
    """A request has no recorded answer in the notebook's cassette."""


class NetworkBlockedError(KitError, ConnectionError):
    """Replay tried to open a network connection."""


class KitNotReadyError(KitError):
    """A cell ran while the kit cell had failed: the kernel stays offline until it succeeds."""
