"""Cassettes: where they live, how requests match, how record mode scrubs, and their provenance."""

import datetime
import json
import os
import re
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .errors import CassetteError

ROOT = Path(__file__).resolve().parent.parent
RECORDINGS = ROOT / "notebooks" / "recordings"
MATCH_ON = ("method", "scheme", "host", "path", "query")
MASK = "<scrubbed>"
SDKS = ("azure-ai-inference", "azure-core", "azure-identity", "openai", "vcrpy")

_REMOVED_REQUEST_HEADERS = {"cookie", "x-ms-client-request-id", "x-client-request-id", "client-request-id"}
_MASKED_REQUEST_HEADERS = {"api-key", "authorization"}
# What AzureKeyCredential("") sends holds no secret, and showing it is the lesson of notebook 01.
_EMPTY = {"", "bearer", "basic"}
# date changes on every answer and teaches nothing: without it, re-recording an unchanged notebook gives the same bytes.
_REMOVED_RESPONSE_HEADERS = {"set-cookie", "date"}
_STABLE_RESPONSE_HEADERS = {"apim-request-id", "x-request-id", "x-ms-client-request-id", "x-ms-region"}
_TOKEN_FIELD = re.compile(
    r'(?P<key>"?(?:access_token|refresh_token|id_token|client_secret|client_assertion|assertion|password)"?'
    r'\s*[:=]\s*"?)(?P<value>[^"&,\s]+)'
)
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")


def cassette_path(notebook, directory=None):
    return Path(directory or RECORDINGS) / f"{notebook}.yaml"


def load(path):
    """Read and check a cassette; raise CassetteError, leaving the file untouched, when it cannot be used."""
    path = Path(path)
    shown = _shown(path)
    fix = (f"The file was left as it is. Restore it with `git checkout -- {shown}`, "
           "or record it again (README, 'Recording').")
    if not path.exists():
        raise CassetteError(f"There is no recording {shown}. Replay needs it. {fix}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        where = getattr(error, "problem_mark", None)
        line = f" near line {where.line + 1}" if where else ""
        raise CassetteError(f"{shown} is not valid YAML{line}, so it is not a readable cassette. {fix}") from None
    interactions = data.get("interactions") if isinstance(data, dict) else None
    if not isinstance(interactions, list):
        raise CassetteError(f"{shown} has no list of 'interactions', so it is not a vcrpy cassette. {fix}")
    for number, interaction in enumerate(interactions, start=1):
        try:
            request, response = interaction["request"], interaction["response"]
            request["method"], request["uri"], request["headers"], response["headers"]
            int(response["status"]["code"])
            response["body"]["string"]
        except (KeyError, TypeError, ValueError):
            raise CassetteError(
                f"{shown}: interaction {number} lacks a request method, uri or headers, or a response "
                f"status code, headers or body. {fix}"
            ) from None
    return data


def provenance(path):
    """The cassette's provenance record: where its bodies came from."""
    return (load(path).get("metadata") or {}).get("provenance") or {}


def recorded_provenance(notebook):
    versions = {name: metadata.version(name) for name in SDKS}
    return {
        "source": "recorded",
        "recorded_on": datetime.date.today().isoformat(),
        "sdk_versions": versions,
        "note": f"Recorded live by NOTEBOOK_MODE=record from notebooks/{notebook}.ipynb; keys, tokens and "
                "resource hostnames were scrubbed by helpers.recording.",
    }


def _shown(path):
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def json_body(sent, recorded):
    """Match bodies as JSON when both parse (key order never matters), else byte for byte."""
    a, b = _parsed(sent.body), _parsed(recorded.body)
    if a != b:
        raise AssertionError(_body_diff(a, b))


def headers_that_matter(sent, recorded):
    """Match how a request authenticates and whether it asks for extra parameters, not the values."""
    a, b = _header_shape(sent.headers), _header_shape(recorded.headers)
    if a != b:
        raise AssertionError(f"sent {a}, recorded {b}")


def _header_shape(headers):
    lowered = {name.lower(): value for name, value in headers.items()}
    authorization = lowered.get("authorization")
    if isinstance(authorization, list):
        authorization = authorization[0]
    extra = lowered.get("extra-parameters")
    return {
        "api-key": "api-key" in lowered,
        "authorization": authorization.split(" ", 1)[0] if authorization else None,
        "extra-parameters": extra[0] if isinstance(extra, list) else extra,
    }


def _parsed(body):
    if body in (None, b"", ""):
        return None
    text = body.decode("utf-8", "replace") if isinstance(body, (bytes, bytearray)) else str(body)
    try:
        return json.loads(text)
    except ValueError:
        return text


def _body_diff(sent, recorded):
    import difflib

    def lines(body):
        return json.dumps(body, indent=1, sort_keys=True).splitlines() if not isinstance(body, str) else [body]

    diff = difflib.unified_diff(lines(recorded), lines(sent), "recorded", "sent", n=0, lineterm="")
    return "\n".join(list(diff)[2:14])


class Scrubber:
    """Record-mode filters: no key, token, cookie or real resource hostname reaches a cassette."""

    def __init__(self, secrets=(), endpoints=()):
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)
        pairs = [(real.rstrip("/"), placeholder.rstrip("/")) for real, placeholder in endpoints]
        # Whole endpoints first, then host:port, then the bare host: a host replaced alone would leave ":port" behind.
        netlocs = [(urlsplit(real).netloc, urlsplit(placeholder).netloc) for real, placeholder in pairs]
        hosts = [(urlsplit(real).hostname, urlsplit(placeholder).hostname) for real, placeholder in pairs]
        found = {}
        for real, placeholder in pairs + netlocs + hosts:
            if real and real != placeholder:
                found.setdefault(real, placeholder)
        self.replacements = sorted(found.items(), key=lambda pair: len(pair[0]), reverse=True)
        # A replacement ends where the name or port ends: 127.0.0.1:4433 is not part of 127.0.0.1:44331.
        self._patterns = [(re.compile(re.escape(real) + r"(?![\w-]|\.\w)", re.IGNORECASE), placeholder)
                          for real, placeholder in self.replacements]

    def text(self, text):
        for pattern, placeholder in self._patterns:
            text = pattern.sub(lambda _, value=placeholder: value, text)
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        text = _TOKEN_FIELD.sub(lambda m: m.group("key") + MASK, text)
        return _JWT.sub(MASK, text)

    def _body(self, body):
        if body is None:
            return None
        if isinstance(body, (bytes, bytearray)):
            try:
                return self.text(bytes(body).decode("utf-8")).encode("utf-8")
            except UnicodeDecodeError:
                return body
        return self.text(body)

    def request(self, request):
        for name in list(request.headers):
            lowered = name.lower()
            if lowered in _REMOVED_REQUEST_HEADERS or lowered.startswith("x-stainless-"):
                del request.headers[name]
            elif lowered in _MASKED_REQUEST_HEADERS and str(request.headers[name]).strip().lower() in _EMPTY:
                continue  # nothing secret to mask

            elif lowered in _MASKED_REQUEST_HEADERS:
                # Keep the scheme ("Bearer"), never a bare token sent without one.
                scheme, _, token = str(request.headers[name]).partition(" ")
                shown = scheme if lowered == "authorization" and token and scheme.isalpha() else ""
                request.headers[name] = f"{shown} {MASK}".strip()
            else:
                request.headers[name] = self.text(str(request.headers[name]))
        request.uri = self.text(request.uri)
        request.body = self._body(request.body)
        _set_length(request.headers, request.body)
        return request

    def response(self, response):
        headers = {}
        for name, values in response["headers"].items():
            lowered = name.lower()
            if lowered in _REMOVED_RESPONSE_HEADERS:
                continue
            if lowered in _STABLE_RESPONSE_HEADERS:
                values = [f"{lowered}-scrubbed"]
            headers[name] = [self.text(str(v)) for v in values]
        response["headers"] = headers
        response["body"]["string"] = self._body(response["body"]["string"])
        _set_length(headers, response["body"]["string"])
        return response


def _set_length(headers, body):
    """Keep Content-Length true to a scrubbed body."""
    for name in list(headers):
        if name.lower() == "content-length" and body is not None:
            length = str(len(body.encode("utf-8") if isinstance(body, str) else body))
            headers[name] = [length] if isinstance(headers[name], list) else length


class Session:
    """One notebook's cassette for the life of its kernel (directory: where cassettes live, for tests;
    pace: in replay, the seconds before each event of a recorded event stream, see helpers.pacing)."""

    def __init__(self, notebook, mode, scrubber, overwrite=False, directory=None, pace=0):
        self.notebook = notebook
        self.mode = mode
        self.pace = pace
        self.scrubber = scrubber
        self.overwrite = overwrite
        self.final_path = cassette_path(notebook, directory)
        working = {"replay": self.final_path, "live": Path(os.devnull)}
        self.path = working.get(mode) or self.final_path.with_name(f".{self.final_path.stem}.{mode}.yaml")
        self.cassette = None
        self._context = None
        self._mark = ({}, 0)
        self.last_cell = []

    def open(self):
        import vcr

        if self.mode == "replay":
            load(self.path)
        elif self.mode == "record":
            self.path.unlink(missing_ok=True)
        recorder = vcr.VCR(
            record_mode="none" if self.mode == "replay" else "all",
            match_on=(*MATCH_ON, "json_body", "headers_that_matter"),
            before_record_request=self.scrubber.request,
            before_record_response=self.scrubber.response,
            decode_compressed_response=True,
            custom_patches=self._pacing(),
        )
        recorder.register_matcher("json_body", json_body)
        recorder.register_matcher("headers_that_matter", headers_that_matter)
        self._context = recorder.use_cassette(str(self.path))
        self.cassette = self._context.__enter__()
        if self.mode == "record":
            self.cassette.get_metadata("provenance", recorded_provenance(self.notebook))
        return self

    def _pacing(self):
        if self.mode != "replay" or not self.pace:
            return ()
        from . import pacing

        return pacing.patches(self.pace)

    def close(self):
        """Stop answering from this cassette: vcrpy unpatches the HTTP libraries."""
        if self._context is not None:
            context, self._context = self._context, None
            context.__exit__(None, None, None)

    def mark(self):
        """Remember what had been answered, so the next call to answered() says what a cell sent."""
        self._mark = (dict(self.cassette.play_counts), len(self.cassette.data))

    def answered(self):
        """The (request, response) pairs answered since mark(), in cassette order."""
        counts, length = self._mark
        played = [i for i, n in self.cassette.play_counts.items() if n > counts.get(i, 0)]
        indices = sorted(played) + list(range(length, len(self.cassette.data)))
        self.last_cell = [self.cassette.data[i] for i in indices]
        return self.last_cell

    def save(self):
        """Write everything recorded so far to the working file (record mode); the cassette in place is untouched."""
        if self.mode == "record":
            self.cassette._save(force=True)

    def finish(self):
        """Move a finished recording into place, or beside it when overwriting was not asked for."""
        if self.mode != "record":
            return None
        self.save()
        target = self.final_path
        if target.exists() and not self.overwrite:
            target = target.with_suffix(".new.yaml")
        os.replace(self.path, target)
        return target
