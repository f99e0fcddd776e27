"""Which recorded request answers a sent one: vcrpy's own matchers, plus how the request authenticates.

An answer is identified by the request (method, scheme, host, path, query, JSON body) and what tells two recorded
requests apart on the wire: whether a key or token was the configured one, its scheme, and extra-parameters.
Requests are scrubbed (helpers.scrubbing) before they are compared, so only those shapes, never values, are compared.
"""

import json

from vcr import matchers

NAMES = ("method", "scheme", "host", "path", "query", "body", "auth_shape")


def auth_shape(sent, recorded):
    a, b = _shape(sent.headers), _shape(recorded.headers)
    if a != b:
        raise AssertionError(f"sent {a}, recorded {b}")


def _value(headers, name):
    value = next((v for k, v in headers.items() if k.lower() == name), None)
    return value[0] if isinstance(value, list) else value


def _shape(headers):
    return {name: _value(headers, name) for name in ("api-key", "authorization", "extra-parameters")}


def credentials(headers):
    """The credential headers of a scrubbed request: their masks say whether the key was the configured one."""
    return (_value(headers, "api-key"), _value(headers, "authorization"))


def key(request):
    """Everything the matchers compare, as one hashable value: equal keys always match."""
    body = request.body
    return (request.method, request.uri, body if isinstance(body, (bytes, str, type(None))) else repr(body),
            tuple(_shape(request.headers).values()))


FUNCTIONS = {**{name: getattr(matchers, name) for name in NAMES if name != "auth_shape"}, "auth_shape": auth_shape}


def matches(sent, recorded, names=NAMES):
    """True when every matcher agrees; stops at the first that does not (the body last, as it costs most)."""
    for name in names:
        try:
            FUNCTIONS[name](sent, recorded)
        except AssertionError:
            return False
    return True


def differences(sent, recorded):
    """Each part in which two requests differ, as (part, recorded, sent) with nothing cut that differs."""
    found = []
    for name in ("method", "scheme", "host", "path", "query"):
        a, b = getattr(recorded, name), getattr(sent, name)
        if a != b:
            found.append((name, _query(a) if name == "query" else a, _query(b) if name == "query" else b))
    a, b = _shape(recorded.headers), _shape(sent.headers)
    found += [(f"header {name}", a[name], b[name]) for name in a if a[name] != b[name]]
    found += [(f"body {where}", old, new) for where, old, new in _json_diff(_parsed(recorded.body),
                                                                             _parsed(sent.body))]
    return found


def _query(pairs):
    return "&".join(f"{k}={v}" for k, v in pairs) or "(none)"


def _parsed(body):
    if body in (None, b"", ""):
        return None
    text = body.decode("utf-8", "replace") if isinstance(body, (bytes, bytearray)) else str(body)
    try:
        return json.loads(text)
    except ValueError:
        return text


MISSING = "(absent)"


def _json_diff(old, new, where="$"):
    """Leaf differences between two JSON values, as (path, old, new)."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in sorted(set(old) | set(new)):
            out += _json_diff(old.get(key, MISSING), new.get(key, MISSING), f"{where}.{key}")
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        out = []
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            out += _json_diff(a, b, f"{where}[{index}]")
        return out
    return [] if old == new else [(where, old, new)]
