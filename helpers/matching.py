"""Which recorded request answers a sent one: vcrpy's own matchers, plus how the request authenticates; and, when none
does, what strict replay says (miss_message).

An answer is identified by the request (method, scheme, host, path, query, JSON body) and what tells two recorded
requests apart on the wire: whether a key or token was the configured one, its scheme, and extra-parameters.
Requests are scrubbed (helpers.scrubbing) before they are compared, so only those shapes, never values, are compared.
"""

import difflib
import json
from urllib.parse import urlsplit

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


# What strict replay says of a request no recorded one matches.

RECORD_HINT = ("set NOTEBOOK_MODE=live with your own .env to ask the service, or record the notebook again "
               "(NOTEBOOK_MODE=record, README 'Recording')")


def miss_message(notebook, sent, recorded):
    """What strict replay says about a request no recorded one matches: what differs from the closest, recorded
    against sent, and what can be done."""
    lines = [f"Replay of {notebook} has no recorded answer for this request:", f"  sent:     {_line(sent)}"]
    if recorded:
        closest = min(recorded, key=lambda r: _distance(differences(sent, r)))
        lines.append(f"  closest:  {_line(closest)}")
        lines.append("It differs from the closest recorded request in (recorded -> sent):")
        for part, old, new in differences(sent, closest):
            lines.append(f"  {part}: {_shown(old)} -> {_shown(new)}")
    lines += [
        "A changed prompt, parameter or endpoint is a new request, and strict replay answers only what was recorded.",
        "Fix: undo the change to get the recorded answer; for a real answer, "
        f"{RECORD_HINT}. Outside the tests, replay answers a new request with a stand-in "
        "(NOTEBOOK_REPLAY_STRICT unset).",
    ]
    return "\n".join(lines)


def _distance(found):
    """How far a recorded request is from the sent one: how many parts differ, then how many characters, so a
    reworded prompt is closest to the prompt it was, not to another prompt or a longer conversation."""
    changed = 0
    for _, old, new in found:
        matcher = difflib.SequenceMatcher(None, str(old), str(new), autojunk=False)
        changed += sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    return len(found), changed


def _line(request):
    return f"{request.method} {request.scheme}://{request.host}{request.path}" + (
        f"?{urlsplit(request.uri).query}" if urlsplit(request.uri).query else "")


def _shown(value):
    return value if value == MISSING else json.dumps(value, ensure_ascii=False)
