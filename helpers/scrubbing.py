"""What record mode removes before anything is written, as rules (data), and the Scrubber that applies them.

The same Scrubber, given the replay placeholders as its secrets, prepares each replayed request for matching, so a
request made with the configured key and one made with another key stay told apart (helpers.credentials).
"""

import re
from urllib.parse import urlsplit

from .credentials import JWT, MASK, Credentials

REMOVED_REQUEST_HEADERS = {"cookie", "x-ms-client-request-id", "x-client-request-id", "client-request-id"}
REMOVED_REQUEST_HEADER_PREFIXES = ("x-stainless-",)
MASKED_REQUEST_HEADERS = {"api-key", "authorization"}
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


def is_token_exchange(uri):
    parts = urlsplit(uri)
    return any(rule.search(parts.hostname or "") or rule.search(parts.path) for rule in TOKEN_EXCHANGE)


class Scrubber:
    """Record-mode filters: no key, token, identity, cookie or real resource hostname reaches a cassette."""

    def __init__(self, secrets=(), endpoints=(), keys=()):
        """secrets: every key and token to mask; endpoints: (real, placeholder) pairs; keys: (key, endpoint) pairs,
        each key with an endpoint it opens."""
        self.credentials = Credentials(secrets, keys)
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
        for secret in self.credentials.secrets:
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
                request.headers[name] = self.credentials.shown(lowered, request.headers[name], host)
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
