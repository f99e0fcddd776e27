"""Replay opens no socket: a guard that turns any network connection into a clear error."""

import socket

from .errors import NetworkBlockedError

_LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", None}
_original = {}


def _refuse(target):
    raise NetworkBlockedError(
        f"Replay tried to open a network connection to {target}. Replay answers every request from the "
        "notebook's recording and never uses the network. If this request is new, record it "
        "(NOTEBOOK_MODE=record, see README 'Recording'); to use the service, set NOTEBOOK_MODE=live."
    )


def _guarded_connect(original):
    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _refuse(f"{address[0]}:{address[1]}")
        return original(self, address)

    return connect


def _guarded_getaddrinfo(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if name not in _LOCAL_NAMES:
        _refuse(f"{name} (name lookup)")
    return _original["getaddrinfo"](host, *args, **kwargs)


def block():
    """Refuse every IPv4/IPv6 connection and every non-local name lookup in this process."""
    if _original:
        return
    _original.update(connect=socket.socket.connect, connect_ex=socket.socket.connect_ex,
                     getaddrinfo=socket.getaddrinfo)
    socket.socket.connect = _guarded_connect(_original["connect"])
    socket.socket.connect_ex = _guarded_connect(_original["connect_ex"])
    socket.getaddrinfo = _guarded_getaddrinfo


def unblock():
    if not _original:
        return
    socket.socket.connect = _original.pop("connect")
    socket.socket.connect_ex = _original.pop("connect_ex")
    socket.getaddrinfo = _original.pop("getaddrinfo")


def is_blocked():
    return bool(_original)
