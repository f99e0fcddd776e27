"""The doctor's only contact with the network: resolve a name, shake hands over TLS, send one HTTPS request.

Every function takes the resolver (host -> (address, port)) and the TLS context it should use, so tests point the
real hostnames at a loopback server, while certificates and the Host header still carry the real name.
"""

import http.client
import json
import os
import socket
import ssl
from dataclasses import dataclass

from ..errors import SettingError

TIMEOUT = 15
USER_AGENT = "azure-ai-kit-doctor"


def system_resolve(host):
    """The address the operating system gives host, on port 443; raises OSError when the name does not resolve."""
    family, _, _, _, address = socket.getaddrinfo(host, 443, type=socket.SOCK_STREAM)[0]
    return address[0], address[1]


# The variables that replace the default certificates: requests reads the first two, httpx (openai) the last two.
TRUST_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")


def default_context(environ):
    """The certificates the SDKs trust: those each variable of TRUST_VARIABLES set in environ names (a file or a
    folder), or, with none set, certifi's bundle, as requests has it. Raises SettingError naming a variable whose
    file cannot be read."""
    given = [(name, environ[name]) for name in TRUST_VARIABLES if environ.get(name)]
    if not given:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies the certificate and the name, and trusts nothing yet
    for name, value in given:
        try:
            if os.path.isdir(value):
                context.load_verify_locations(capath=value)
            else:
                context.load_verify_locations(cafile=value)
        except (OSError, ssl.SSLError):
            raise SettingError(f"{name} does not name a readable certificate file (PEM) or folder. Set {name} to "
                               "your company's root certificate file, or unset it.") from None
    return context


def offline_context():
    """A TLS context that trusts no certificate, for the doctor in a replay kernel: replay answers its requests, and
    nothing reaches a server (loading certifi's bundle would cost tens of milliseconds for nothing)."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def handshake(host, address, context):
    """Open a TLS connection to address for host; return the protocol version (raises OSError or ssl.SSLError)."""
    with socket.create_connection(address, timeout=TIMEOUT) as raw, \
            context.wrap_socket(raw, server_hostname=host) as tls:
        return tls.version()


@dataclass(frozen=True)
class Answer:
    status: int
    body: object  # the parsed JSON body, or None

    @property
    def code(self):
        """The service's error code: {"error": {"code": ...}} (Azure OpenAI) or {"statusCode": ...} (the gateway)."""
        if isinstance(self.body, dict):
            error = self.body.get("error")
            if isinstance(error, dict):
                return str(error.get("code", ""))
            if "statusCode" in self.body:
                return str(self.body["statusCode"])
        return ""


def request(method, url_parts, headers, address, context, body=None):
    """Send one request to url_parts (scheme, host, path with query) over TLS at address; return its Answer."""
    _, host, target = url_parts
    connection = http.client.HTTPSConnection(host, 443, timeout=TIMEOUT, context=context)
    connection._create_connection = lambda _, timeout, source: socket.create_connection(address, timeout, source)
    data = None if body is None else json.dumps(body).encode()
    sent = {"User-Agent": USER_AGENT, "Accept": "application/json", **headers}
    if data is not None:
        sent["Content-Type"] = "application/json"
    try:
        connection.request(method, target, body=data, headers=sent)
        response = connection.getresponse()
        raw = response.read()
    finally:
        connection.close()
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = None
    return Answer(response.status, parsed)
