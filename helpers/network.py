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


def _guarded_sendto(original):
    def sendto(self, data, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            address = args[-1]
            _refuse(f"{address[0]}:{address[1]} (datagram)")
        return original(self, data, *args)

    return sendto


def _guarded_lookup(name):
    def lookup(host, *args, **kwargs):
        shown = host.decode() if isinstance(host, bytes) else host
        if shown not in _LOCAL_NAMES:
            _refuse(f"{shown} (name lookup)")
        return _original[name](host, *args, **kwargs)

    return lookup


# Every way out of this process by name or address: stream and datagram sockets, and each kind of name lookup.
_SOCKET_METHODS = {"connect": _guarded_connect, "connect_ex": _guarded_connect, "sendto": _guarded_sendto}
_LOOKUPS = ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr")


def block():
    """Refuse every IPv4/IPv6 connection, datagram and non-local name lookup in this process."""
    if _original:
        return
    for name, guard in _SOCKET_METHODS.items():
        _original[name] = getattr(socket.socket, name)
        setattr(socket.socket, name, guard(_original[name]))
    for name in _LOOKUPS:
        _original[name] = getattr(socket, name)
        setattr(socket, name, _guarded_lookup(name))


def unblock():
    """Undo block(), restoring what was there before it (which may be another guard)."""
    for name in _SOCKET_METHODS:
        if name in _original:
            setattr(socket.socket, name, _original.pop(name))
    for name in _LOOKUPS:
        if name in _original:
            setattr(socket, name, _original.pop(name))


def is_blocked():
    return bool(_original)
