"""The network guard: every connection, datagram and name lookup leaving this process becomes a clear error.

The kit raises it in replay and while the kit cell has not succeeded; the tests raise it for their whole session,
letting through only the loopback servers they start (allow_ports). One guard, one set of rules.
"""

import socket
import threading
from contextlib import contextmanager

from .errors import NetworkBlockedError

LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", None}
LOOKUPS = ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr")
SOCKET_METHODS = ("connect", "connect_ex", "sendto")
REPLAY_REASON = ("Replay answers every request from the notebook's recording and never uses the network. "
                 "To use the service, set NOTEBOOK_MODE=live in .env and run the kit cell again.")

_original = {}
_rules = {"reason": REPLAY_REASON, "ports": frozenset()}
_inside = threading.local()  # set while socket.socketpair runs: on Windows it connects two sockets over loopback


def _refuse(target):
    raise NetworkBlockedError(f"This kernel is offline: it refused a connection to {target}. {_rules['reason']}")


def _allowed(host, port):
    return getattr(_inside, "socketpair", False) or (host in LOCAL_NAMES and port in _rules["ports"])


def _guarded(name):
    def call(self, *args):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host, port = args[-1][:2]
            if name == "sendto" or not _allowed(host, port):
                _refuse(f"{host}:{port}" + (" (datagram)" if name == "sendto" else ""))
        return _original[name](self, *args)

    return call


def _guarded_lookup(name):
    def lookup(host, *args, **kwargs):
        shown = host.decode() if isinstance(host, bytes) else host
        if shown not in LOCAL_NAMES:
            _refuse(f"{shown} (name lookup)")
        return _original[name](host, *args, **kwargs)

    return lookup


def _socketpair(*args, **kwargs):
    _inside.socketpair = True
    try:
        return _original["socketpair"](*args, **kwargs)
    finally:
        _inside.socketpair = False


def block(reason=REPLAY_REASON, allow_ports=frozenset()):
    """Refuse every IPv4/IPv6 connection, datagram and non-local name lookup in this process, except TCP to
    127.0.0.1/::1/localhost on a port in allow_ports (read at each call, so a live set may grow and shrink).
    reason ends every refusal's message; calling block() again only changes the reason and the ports."""
    _rules.update(reason=reason, ports=allow_ports)
    if _original:
        return
    for name in SOCKET_METHODS:
        _original[name] = getattr(socket.socket, name)
        setattr(socket.socket, name, _guarded(name))
    for name in LOOKUPS:
        _original[name] = getattr(socket, name)
        setattr(socket, name, _guarded_lookup(name))
    _original["socketpair"] = socket.socketpair
    socket.socketpair = _socketpair


def unblock():
    """Undo block(), restoring what was there before it."""
    for name in SOCKET_METHODS:
        if name in _original:
            setattr(socket.socket, name, _original.pop(name))
    for name in LOOKUPS:
        if name in _original:
            setattr(socket, name, _original.pop(name))
    if "socketpair" in _original:
        socket.socketpair = _original.pop("socketpair")
    _rules.update(reason=REPLAY_REASON, ports=frozenset())


def is_blocked():
    return bool(_original)


@contextmanager
def blocked(reason=REPLAY_REASON, allow_ports=frozenset()):
    was = is_blocked(), dict(_rules)
    block(reason, allow_ports)
    try:
        yield
    finally:
        if was[0]:
            _rules.update(was[1])
        else:
            unblock()
