"""Exercises that answer back: check(n), hint(n) and solution(n) for the lesson the kit cell started.

What each check judges is data, in notebooks/solutions/NN_topic.checks.yaml beside the solutions it describes:
  requests: what the learner's code sends, read on the wire (session.history): the endpoint variable whose URL it
            goes to, the route after it, and the query, headers and JSON fields that matter (<any> for a value the
            service decides, <absent> for what must not be sent); nothing else of the request is judged;
  values:   expressions over the learner's names, with the value they should have and a tolerance for numbers.
A check judges the latest attempt: the cells run since the lesson's last step or the previous check, but the lesson's
own steps. For each request it wants, it judges the last one sent on that route, so a wrong
attempt followed by a right one is Correct. The differences are the strict-miss ones (helpers.matching).
"""

import ast
import builtins
import json
import math
import os
import re
import weakref
from functools import cache
from numbers import Number
from urllib.parse import parse_qsl, urlencode, urlsplit

import yaml
from vcr.request import Request

from .cassettes import LOADER
from .errors import KitError
from .matching import MISSING, differences
from .paths import NOTEBOOKS

STUB = "# Your code here"
ANY, ABSENT, PRESENT = "<any>", "<absent>", "<present>"
KIT_CALL = re.compile(r"^(?:from helpers[^\n]*\n)?\s*(?:check|hint|solution|show_requests)\(.*\)\s*$", re.DOTALL)
CHECK_CALL = re.compile(r"^\s*check\(\d+\)\s*$")
URL_PARTS = ("method", "scheme", "host", "path")

_marks = weakref.WeakKeyDictionary()  # session -> the index in session.runs of its last check


class Exercise:
    def __init__(self, lesson, number, hint, correct, requests=(), values=(), count=None):
        self.lesson, self.number, self.hint, self.correct = lesson, number, hint, correct
        self.requests, self.values, self.count = list(requests), list(values), count


@cache
def exercises(lesson):
    """The lesson's exercises, numbered from 1, read from notebooks/solutions/NN_topic.checks.yaml."""
    path = NOTEBOOKS / "solutions" / f"{lesson}.checks.yaml"
    if not path.is_file():
        raise KitError(f"{lesson} has no exercises to check (no notebooks/solutions/{lesson}.checks.yaml).")
    return {int(number): Exercise(lesson, int(number), **fields)
            for number, fields in yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER).items()}


@cache
def steps(lesson):
    """The sources of the lesson's code cells but its exercise cells (which a learner fills in, and may save)."""
    notebook = json.loads((NOTEBOOKS / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    sources = ("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")
    return frozenset(source for source in sources if not source.startswith(STUB))


def _lesson():
    from .apply import active, current_session

    current_session()
    return active().plan.notebook.removeprefix("solutions/")


def exercise(number, lesson=None):
    """Exercise number of the lesson (by default the one the kit cell started), or a KitError naming the numbers."""
    lesson = lesson or _lesson()
    found = exercises(lesson)
    if number not in found:
        raise KitError(f"{lesson} has no exercise {number!r}: its exercises are numbered 1 to {len(found)}.")
    return found[number]


# Judging a request: both sides cut down to what the exercise declares, then compared as strict replay compares.

def _resolve(wanted, sent):
    """(wanted, sent) with <any> taken from sent and sent cut down to the keys wanted names."""
    if wanted in (ANY, PRESENT):
        return (sent, sent) if sent is not MISSING else (PRESENT, MISSING)
    if wanted == ABSENT:
        return (MISSING, sent)
    if isinstance(wanted, dict) and isinstance(sent, dict):
        pairs = {key: _resolve(value, sent.get(key, MISSING)) for key, value in wanted.items()}
        return ({k: w for k, (w, _) in pairs.items() if w is not MISSING},
                {k: s for k, (_, s) in pairs.items() if s is not MISSING})
    if isinstance(wanted, list) and isinstance(sent, list) and len(wanted) == len(sent):
        pairs = [_resolve(w, s) for w, s in zip(wanted, sent, strict=True)]
        return [w for w, _ in pairs], [s for _, s in pairs]
    return wanted, sent


def _json(body):
    try:
        return json.loads(body) if body else MISSING
    except ValueError:
        return MISSING


def _expected_url(want, scrub):
    """The URL the exercise wants, as the session keeps requests (a recording keeps placeholder hosts)."""
    base = os.environ.get(want["endpoint"], "")
    return scrub(base.rstrip("/") + "/" + want.get("path", "").lstrip("/"))


def _header(headers, name):
    value = next((v for k, v in headers.items() if k.lower() == name), None)
    return value[0] if isinstance(value, list) else value


def _compared(want, sent, scrub):
    """The expected request and the sent one, each holding only what want declares."""
    parts = urlsplit(sent.uri)
    sent_query = dict(parse_qsl(parts.query))
    query = {k: sent_query.get(k, MISSING) for k in want.get("query", {})}
    wanted_query, query = _resolve(want.get("query", {}), query)
    wanted_headers, headers = {}, {}
    for name, value in want.get("headers", {}).items():
        have = _header(sent.headers, name)
        wanted_headers[name], headers[name] = _resolve(value, MISSING if have is None else have)
    wanted_body, body = _resolve(want.get("json", {}), _json(sent.body))
    expected = _request(want.get("method", "POST"), _expected_url(want, scrub), wanted_query, wanted_body,
                        wanted_headers)
    return expected, _request(sent.method, f"{parts.scheme}://{parts.netloc}{parts.path}", query, body, headers)


def _request(method, url, query, body, headers):
    return Request(method, f"{url}?{urlencode(query)}".rstrip("?"), json.dumps(body),
                   {name: value for name, value in headers.items() if value is not MISSING})


def _problems(want, sent, scrub):
    """What differs between the request the exercise wants and the one sent, in words that name the field and what
    was sent, never the expected value."""
    expected, cut = _compared(want, sent, scrub)
    found = differences(cut, expected)
    problems = []
    if any(part in URL_PARTS for part, _, _ in found):
        problems.append(f"it went to {sent.method} {_short(sent.uri)}, not to {want.get('method', 'POST')} "
                        f"{want['endpoint']}'s {want.get('path', '')}")
    for part, wanted, have in found:
        if part in URL_PARTS:
            continue
        if have in (MISSING, None, "(none)"):
            problems.append(f"{part} is missing")
        elif wanted in (MISSING, None, "(none)"):
            problems.append(f"{part} was sent, and this exercise sends none")
        else:
            problems.append(f"{part} is {_value(have)}")
    return problems


def _short(uri):
    parts = urlsplit(uri)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def _value(value, limit=80):
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) or not value.startswith("(") else value
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _route(want, request):
    return request.method == want.get("method", "POST") and urlsplit(request.uri).path.endswith(want.get("path", ""))


def judge_requests(wanted, sent, scrub=str):
    """Problems of the latest requests sent on each wanted route, paired with the wanted ones they are closest to."""
    problems = []
    for path in dict.fromkeys(want.get("path", "") for want in wanted):
        group = [want for want in wanted if want.get("path", "") == path]
        candidates = [request for request in sent if _route(group[0], request)][-len(group):]
        if len(candidates) < len(group):
            problems.append(f"your code sent {len(candidates)} {group[0].get('method', 'POST')} …{path} request(s), "
                            f"and this exercise sends {len(group)}")
            continue
        for want in group:
            scored = sorted(candidates, key=lambda request, want=want: len(_problems(want, request, scrub)))
            problems += _problems(want, scored[0], scrub)
            candidates.remove(scored[0])
    return problems


# Judging values: expressions over the learner's names.

def _close(wanted, have, tolerance):
    if isinstance(wanted, Number) and isinstance(have, Number) and not isinstance(have, bool):
        return math.isclose(float(wanted), float(have), rel_tol=0, abs_tol=tolerance)
    if isinstance(wanted, list) and isinstance(have, (list, tuple)) and len(wanted) == len(have):
        return all(_close(w, h, tolerance) for w, h in zip(wanted, have, strict=True))
    return wanted == have


def _names(expression):
    """The learner's names an expression reads: not builtins, nor names it binds itself."""
    nodes = [node for node in ast.walk(ast.parse(expression, mode="eval")) if isinstance(node, ast.Name)]
    bound = {node.id for node in nodes if isinstance(node.ctx, ast.Store)}
    return {node.id for node in nodes if node.id not in bound and not hasattr(builtins, node.id)}


def judge_values(values, namespace, sources):
    """Problems of the values; a name the attempt's code never mentions is left over from before, not an answer."""
    problems = []
    for item in values:
        expression = item["expression"]
        missing = sorted(name for name in _names(expression) if not re.search(rf"\b{name}\b", sources))
        if missing:
            problems.append(f"your code did not set {', '.join(missing)}")
            continue
        try:
            have = eval(expression, dict(namespace))  # an expression of the exercise's data, over the learner's names
        except Exception as error:  # the learner's names may hold anything; the check says what went wrong
            problems.append(f"{expression} could not be worked out ({type(error).__name__}: {error})")
            continue
        have = have.tolist() if hasattr(have, "tolist") else have
        if not _close(item["equals"], have, item.get("tolerance", 0)):
            problems.append(f"{expression} is {_value(have)}")
    return problems


# The attempt: what ran since the lesson's last step or the previous check.

def attempt(session, lesson):
    """The runs of the attempt being checked (indexes into session.runs) and the requests they sent: the cells with
    code run since the previous check and the last lesson step that sent a request, but the lesson's steps and the
    kit's own calls. An untouched exercise cell holds only a comment."""
    lesson_steps, runs = steps(lesson), session.runs
    running = len(runs) - 1
    start = _marks.get(session, -1) + 1
    steps_sent = [served.run for served in session.history if served.cell in lesson_steps and served.run >= start]
    start = max(steps_sent, default=start - 1) + 1  # a step that sent a request starts the attempt afresh
    tried = {index for index in range(start, running + 1)  # the check's cell counts if it holds code of its own
             if runs[index] not in lesson_steps and not KIT_CALL.match(runs[index]) and _code(runs[index])}
    return tried, [served for served in session.history if served.run in tried]


def _code(source):
    return any(line.strip() and not line.strip().startswith("#") for line in source.splitlines())


def _last_run(served):
    """The requests the last run that sent any sent (retries included)."""
    return [item for item in served if item.run == served[-1].run]


def verdict(number, session, namespace):
    """The verdict line of check(number); the next check judges only what runs after it."""
    item = exercise(number)
    tried, requests = attempt(session, item.lesson)
    _marks[session] = len(session.runs) - 1
    if not tried:
        return (f"Not attempted: no code of exercise {number} ran since the lesson's steps or the previous check. "
                f"Run your code, then check({number}) again.")
    scrub = session.scrubber.text if hasattr(session, "scrubber") else str
    problems = judge_requests(item.requests, [served.request for served in requests], scrub) if item.requests else []
    if item.count is not None and requests and len(_last_run(requests)) != item.count:
        problems.append(f"your cell sent {len(_last_run(requests))} requests, retries included, and this exercise "
                        f"sends {item.count}")
    problems += judge_values(item.values, namespace, "\n".join(session.runs[index] for index in sorted(tried)))
    if problems:
        return f"Incorrect: {'; '.join(problems)}. hint({number}) gives a hint."
    return f"Correct: {item.correct}"


def solution_code(number, lesson=None):
    """The code cells under '## Exercise n' in the lesson's solutions notebook, without its check cells."""
    item = exercise(number, lesson)
    notebook = json.loads((NOTEBOOKS / "solutions" / f"{item.lesson}.ipynb").read_text(encoding="utf-8"))
    heading = re.compile(rf"^## Exercise {number}\b", re.MULTILINE)
    cells, inside = [], False
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and re.search("^## ", source, re.MULTILINE):
            inside = bool(heading.search(source))
        elif inside and cell["cell_type"] == "code" and not CHECK_CALL.match(source):
            cells.append(source)
    return "\n\n".join(cells)
