"""Which credential a request carries, as a cassette may keep it: the configured one for its host ("<scrubbed>"), or
another ("<scrubbed-other-key>"), so replay tells a request made with the configured key from one made with another.

"Another key" includes a key of the notebook sent to an endpoint it is not the key of (a troubleshooting cell's wrong
key): Credentials knows which endpoints each key opens. It also includes an Entra ID token for another audience than
the host takes (AUDIENCES), told by the token's aud claim, or by the name of replay's offline token.
"""

import base64
import binascii
import json
import re
from urllib.parse import urlsplit

MASK = "<scrubbed>"
OTHER_KEY = "<scrubbed-other-key>"
# What AzureKeyCredential("") sends holds no secret, and showing it is the lesson of notebook 01.
EMPTY_CREDENTIALS = {"", "bearer", "basic"}
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")
# helpers/offline_az/az's token in replay: this for Azure AI services, and "<this>-for-<host>" for another audience.
OFFLINE_TOKEN = "replay-entra-token"
# (host suffix, the audience its Entra ID tokens must have): the scope the SDKs ask for, without /.default.
AUDIENCES = ((".openai.azure.com", "cognitiveservices.azure.com"), (".cognitiveservices.azure.com",
             "cognitiveservices.azure.com"), (".services.ai.azure.com", "cognitiveservices.azure.com"))


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


class Credentials:
    """The notebook's secrets, and which endpoints each key opens."""

    def __init__(self, secrets=(), keys=()):
        """secrets: every key and token of the notebook; keys: (key, endpoint) pairs, each key with an endpoint it
        opens."""
        self.secrets = sorted({s for s in secrets if s}, key=len, reverse=True)
        self.opens = {}
        for key, endpoint in keys:
            self.opens.setdefault(urlsplit(endpoint).hostname, set()).add(key)
        self.paired = {key for key, _ in keys}

    def shown(self, name, value, host=None):
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
