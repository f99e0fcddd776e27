"""What record mode removes before anything is written, as rules (data), and the Scrubber that applies them.

The same Scrubber, given the replay placeholders as its secrets, prepares each replayed request for matching, so a
request made with the configured key and one made with another key stay told apart ("<scrubbed>" and OTHER_KEY).
"Another key" includes a key of the notebook sent to an endpoint it is not the key of (a troubleshooting cell's
wrong key): the Scrubber knows which endpoints each key opens. It also includes an Entra ID token for another
audience than the host takes (AUDIENCES), told by the token's aud claim, or by the name of replay's offline token.
"""

import base64
import binascii
import json
import re
from urllib.parse import urlsplit

MASK = "<scrubbed>"
OTHER_KEY = "<scrubbed-other-key>"

REMOVED_REQUEST_HEADERS = {"cookie", "x-ms-client-request-id", "x-client-request-id", "client-request-id"}
REMOVED_REQUEST_HEADER_PREFIXES = ("x-stainless-",)
MASKED_REQUEST_HEADERS = {"api-key", "authorization"}
# What AzureKeyCredential("") sends holds no secret, and showing it is the lesson of notebook 01.
EMPTY_CREDENTIALS = {"", "bearer", "basic"}
# date changes on every answer and teaches nothing: without it, re-recording an unchanged notebook gives the same bytes.
REMOVED_RESPONSE_HEADERS = {"set-cookie", "date"}
STABLE_RESPONSE_HEADERS = {"apim-request-id", "x-request-id", "x-ms-client-request-id", "x-ms-region"}

# The Entra ID token exchange is never recorded: replay's offline credential serves it, and it carries identity.
TOKEN_EXCHANGE = (
    re.compile(r"^login\.(microsoftonline\.com|microsoftonline\.us|chinacloudapi\.cn|windows\.net)$"),
    re.compile(r"/oauth2/(v2\.0/)?(token|authorize|devicecode)$"),
    re.compile(r"/\.well-known/openid-configuration$"),
    re.compile(r"/common/discovery/instance$"),
    re.compile(r"^169\.254\.169\.254$"),
)

JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")
# helpers/offline_az/az's token in replay: this for Azure AI services, and "<this>-for-<host>" for another audience.
OFFLINE_TOKEN = "replay-entra-token"
# (host suffix, the audience its Entra ID tokens must have): the scope the SDKs ask for, without /.default.
AUDIENCES = ((".openai.azure.com", "cognitiveservices.azure.com"), (".cognitiveservices.azure.com",
             "cognitiveservices.azure.com"), (".services.ai.azure.com", "cognitiveservices.azure.com"))
# (pattern, replacement): secrets a request or answer may carry in its text, then identity.
TEXT_RULES = (
    (re.compile(r'(?P<key>"?(?:access_token|refresh_token|id_token|client_secret|client_assertion|assertion|password)"?'
                r'\s*[:=]\s*"?)[^"&,\s]+'), r"\g<key>" + MASK),
    (JWT, MASK),
    (re.compile(r'(?P<key>"?(?:tid|oid|appid|azp|upn|unique_name|preferred_username|client_id|tenant_id|tenantId|'
                r'object_id|objectId|subscription_id|subscriptionId|principal_id|principalId|home_account_id)"?'
                r'\s*[:=]\s*"?)[^"&,\s]+', re.IGNORECASE), r"\g<key>" + MASK),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE),
     "00000000-0000-0000-0000-000000000000"),
    (re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"), "user@example.com"),
)


def audience(token):
    """The host an Entra ID token is for: its aud claim, or the name of replay's offline token; None if unknown."""
    if token == OFFLINE_TOKEN:
        return "cognitiveservices.azure.com"
    if token.startswith(f"{OFFLINE_TOKEN}-for-"):
        return token.removeprefix(f"{OFFLINE_TOKEN}-for-")
    if not JWT.fullmatch(token):
        return None
    try:
        claims = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    aud = claims.get("aud") if isinstance(claims, dict) else None
    return urlsplit(aud).hostname if isinstance(aud, str) and "://" in aud else None


def _wrong_audience(token, host):
    expected = next((aud for suffix, aud in AUDIENCES if (host or "").endswith(suffix)), None)
    found = audience(token)
    return expected is not None and found is not None and found != expected


def is_token_exchange(uri):
    parts = urlsplit(uri)
    return any(rule.search(parts.hostname or "") or rule.search(parts.path) for rule in TOKEN_EXCHANGE)


class Scrubber:
    """Record-mode filters: no key, token, identity, cookie or real resource hostname reaches a cassette."""

    def __init__(self, secrets=(), endpoints=(), keys=()):
        """secrets: every key and token to mask; endpoints: (real, placeholder) pairs; keys: (key, endpoint) pairs,
        each key with an endpoint it opens."""
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)
        self.opens = {}
        for key, endpoint in keys:
            self.opens.setdefault(urlsplit(endpoint).hostname, set()).add(key)
        self.paired = {key for key, _ in keys}
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
        for pattern, replacement in TEXT_RULES:
            text = pattern.sub(replacement, text)
        return text

    def _body(self, body):
        if body is None:
            return None
        if isinstance(body, (bytes, bytearray)):
            try:
                return self.text(bytes(body).decode("utf-8")).encode("utf-8")
            except UnicodeDecodeError:
                return body
        return self.text(body)

    def credential(self, name, value, host=None):
        """A credential header as it may be kept: the scheme ("Bearer") and whether it was the configured secret
        for host. A key of the notebook that opens other endpoints than host's, or a token for another audience than
        host takes, is another key there."""
        value = str(value)
        if value.strip().lower() in EMPTY_CREDENTIALS:
            return value
        scheme, _, token = value.partition(" ")
        if not (name == "authorization" and token and scheme.isalpha()):
            scheme, token = "", value
        if token in (MASK, OTHER_KEY):
            return value
        if _wrong_audience(token, host):
            return f"{scheme} {OTHER_KEY}".strip()
        configured = (token in self.secrets and self._opens(token, host)) or audience(token) or JWT.fullmatch(token)
        return f"{scheme} {MASK if configured else OTHER_KEY}".strip()

    def _opens(self, token, host):
        return token not in self.paired or host not in self.opens or token in self.opens[host]

    def request(self, request):
        """The request as it may be written, or None for the Entra ID token exchange (never written)."""
        if is_token_exchange(request.uri):
            return None
        host = urlsplit(request.uri).hostname
        for name in list(request.headers):
            lowered = name.lower()
            if lowered in REMOVED_REQUEST_HEADERS or lowered.startswith(REMOVED_REQUEST_HEADER_PREFIXES):
                del request.headers[name]
            elif lowered in MASKED_REQUEST_HEADERS:
                request.headers[name] = self.credential(lowered, request.headers[name], host)
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
            if lowered in REMOVED_RESPONSE_HEADERS:
                continue
            if lowered in STABLE_RESPONSE_HEADERS:
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
