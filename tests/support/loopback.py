"""A small fake Azure for tests, on 127.0.0.1 only, over HTTP or HTTPS (with a certificate made at test time).

    certificate = write_certificate(tmp_path)      # (ca file, server certificate, server key)
    with FakeAzure(certificate=certificate) as azure:   # azure.url is https://127.0.0.1:<port>
        ...     # clients trust certificate[0], e.g. connection_verify=certificate[0]

It answers what the kit's notebooks call, in the shapes of tools.wire (which follow shared/WIRE.md):
  POST .../chat/completions     a chat completion naming the prompt, or with "stream": true an SSE stream in Azure
                                OpenAI's shape (a first chunk with empty choices, then chunks, then data: [DONE])
                                With "tools" (and no tool answer yet), a call of the first tool or of the one
                                tool_choice names, its arguments made from the function's JSON schema; with
                                response_format {"type": "json_schema"}, content that is JSON of that schema. Shapes:
                                chatCompletionResponseMessage.tool_calls and the json_schema response format of the
                                Azure OpenAI data plane (2024-10-21 inference.json in Azure/azure-rest-api-specs), as
                                openai's ChatCompletionMessageToolCall types them
  POST .../completions          a text_completion (the createCompletion response of 2024-06-01 inference.json)
  POST .../embeddings           embeddings, as base64 when the request asks for encoding_format "base64", of length 1
                                and the size asked for with "dimensions" (text-embedding-3's shortened embeddings)
  POST .../responses            a Response naming the prompt (openai's Response type, as tools.wire builds it)
  POST .../images/generations   one 1x1 PNG per image asked for (the stand-ins' shape of that route)
  GET  /<tenant>/v2.0/.well-known/openid-configuration    and    POST /<tenant>/oauth2/v2.0/token
                                a tiny Entra ID: a client secret or client assertion buys a JWT access token (and an
                                id token), whose claims carry the server's ``identity`` (tid, oid, upn, ...)
Calls need the known key (``api-key`` or ``Authorization: Bearer``) or a token this server issued; anything else
gets Azure OpenAI's 401 body. A trusted token asking for a model in ``denied_models`` gets Azure's 401
PermissionDenied body, which names the principal by its object id or its upn (as in Azure/azure-sdk-for-python#44842 and
microsoft/microsoft-foundry-for-vscode#303). Every answer sets a cookie and request ids, so scrubbing has something to
remove. With ``stream_gap``, a stream is sent one event at a time (chunked, each written to the socket at once),
``stream_gap`` seconds apart, as the service sends tokens while the model writes them.

SERVER_PORTS lists the ports of the servers running in this process: the tests' network guard (helpers.network, set
up in conftest.py) lets connections to those through, and nothing else.
"""

import base64
import datetime
import ipaddress
import json
import secrets
import socket
import ssl
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from helpers import shapes, standins
from tools import wire

LOOPBACK = "127.0.0.1"
SERVER_PORTS = set()  # ports of the FakeAzure servers running in this process


def make_key():
    """A fresh secret shaped like an Azure key (32 hex digits), made at run time so no file in the repo holds one."""
    return secrets.token_hex(16)


def make_jwt(**claims):
    """A JWT-shaped token (header.payload.signature, base64url), unsigned: the fake server only compares strings."""
    def part(value):
        raw = value if isinstance(value, bytes) else json.dumps(value, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    payload = {"jti": secrets.token_hex(8), "exp": int(time.time()) + 3600, **claims}
    return ".".join((part({"alg": "RS256", "typ": "JWT"}), part(payload), part(secrets.token_bytes(32))))


def answer_for(prompt):
    """What the fake model answers: it names the prompt, so a mixed-up answer is visible."""
    return f"You asked: {prompt}"


def write_certificate(directory, hosts=()):
    """A throwaway CA and a 127.0.0.1 server certificate signed by it; returns (ca_file, cert_file, key_file).
    hosts: more names the certificate is valid for, such as the real service's hostnames."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    directory = Path(directory)
    now = datetime.datetime.now(datetime.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kit test CA")])

    def builder(subject, public_key):
        return (x509.CertificateBuilder().subject_name(subject).issuer_name(ca_name).public_key(public_key)
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
                .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))

    ca = (builder(ca_name, ca_key.public_key())
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    server = (builder(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, LOOPBACK)]), key.public_key())
              .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
              .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(LOOPBACK)),
                                                          x509.DNSName("localhost"),
                                                          *(x509.DNSName(host) for host in hosts)]), critical=False)
              .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
              .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
              .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    paths = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    paths[0].write_bytes(ca.public_bytes(pem))
    paths[1].write_bytes(server.public_bytes(pem))
    paths[2].write_bytes(key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return tuple(str(p) for p in paths)


@contextmanager
def refused_port():
    """A loopback port with nothing listening, which the tests' network guard lets a connection try: the OS refuses
    it, as a host that no longer answers does."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        port = probe.getsockname()[1]
    SERVER_PORTS.add(port)
    try:
        yield port
    finally:
        SERVER_PORTS.discard(port)


HANG_UPS = (ConnectionError, ssl.SSLEOFError, ssl.SSLZeroReturnError)  # a client closed the connection


class QuietServer(ThreadingHTTPServer):
    """A threading HTTP server for which a client that hangs up is normal: it prints nothing for it, so a test run's
    output is the test results alone. Any other error in a handler is printed as socketserver prints it."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], HANG_UPS):
            super().handle_error(request, client_address)


class FakeAzure:
    """A fake Azure endpoint on 127.0.0.1. ``seen`` lists each request it got: (method, path, headers, body)."""

    handler = None  # the request handler class: _Handler, set below; a subclass may answer other routes

    def __init__(self, key=None, certificate=None, client_secret=None, client_assertion=None, trusted_tokens=None,
                 model="loopback-model", identity=None, denied_models=(), named_claim="oid", stream_gap=0):
        """certificate: (ca, cert, key) files from write_certificate for HTTPS, or None for plain HTTP.
        trusted_tokens: a list of access tokens to accept besides the key, such as another FakeAzure's ``issued``.
        identity: the claims of the principal whose tokens this server issues (an Entra ID's tid, oid, upn, ...).
        denied_models: models a trusted token may not use; named_claim: the claim of that token the refusal names.
        stream_gap: seconds between a stream's events."""
        self.key = key or make_key()
        self.client_secret, self.client_assertion = client_secret, client_assertion
        self.model = model
        self.identity = dict(identity or {})
        self.denied_models, self.named_claim, self.stream_gap = set(denied_models), named_claim, stream_gap
        self.stream_sent = []  # time.monotonic() just before each streamed event was written
        self.issued = []  # access tokens handed out by this server's token endpoint
        self.trusted = self.issued if trusted_tokens is None else trusted_tokens
        self.sent = []  # values this server made up for cookies and request ids
        self.seen = []
        self._httpd = QuietServer((LOOPBACK, 0), self.handler, bind_and_activate=True)
        self._httpd.daemon_threads = True
        self._httpd.fake = self
        if certificate is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(certificate[1], certificate[2])
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self.port = self._httpd.server_address[1]
        self.url = f"{'https' if certificate is not None else 'http'}://{LOOPBACK}:{self.port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def start(self):
        SERVER_PORTS.add(self.port)
        self._thread.start()
        return self

    def stop(self):
        self._httpd.shutdown()
        self._httpd.server_close()
        SERVER_PORTS.discard(self.port)

    def __enter__(self):
        return self.start()

    def __exit__(self, *_):
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeAzure/1.0"

    def log_message(self, *_):
        pass

    def do_GET(self):
        self._serve("GET")

    def do_POST(self):
        self._serve("POST")

    def _serve(self, method):
        fake = self.server.fake
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        path = urlsplit(self.path).path
        fake.seen.append((method, self.path, dict(self.headers.items()), body))
        if path.endswith("/.well-known/openid-configuration"):
            return self._openid_configuration(fake, path.split("/")[1])
        if path.endswith("/oauth2/v2.0/token"):
            return self._token(fake, parse_qs(body))
        if not self._authorized(fake):
            return self._json(401, wire.error("401", wire.AZURE_OPENAI_UNAUTHORIZED))
        request = json.loads(body or "{}")
        if request.get("model") in fake.denied_models and self._bearer() in fake.trusted:
            principal = self._claims()[fake.named_claim]
            return self._json(401, wire.error("PermissionDenied", permission_denied(principal, path)))
        if path.endswith("/chat/completions"):
            prompt = _text([m for m in request["messages"] if m["role"] == "user"][-1]["content"])
            model = request.get("model") or fake.model
            tool = shapes.tool_asked(request)
            if tool is not None:
                body = wire.chat_completion(None, model, azure_openai=True, finish_reason="tool_calls")
                body["choices"][0]["message"]["tool_calls"] = [shapes.tool_call(f"call_{len(fake.seen)}", tool,
                                                                                "loopback")]
                return self._json(200, body)
            response_format = request.get("response_format") or {}
            if response_format.get("type") == "json_schema":
                content = json.dumps(shapes.example(response_format["json_schema"]["schema"], answer_for(prompt)))
                return self._json(200, wire.chat_completion(content, model, azure_openai=True))
            if request.get("stream"):
                words = answer_for(prompt).split(" ")
                pieces = [w if i == 0 else f" {w}" for i, w in enumerate(words)]
                stream = wire.chat_stream(pieces, model, azure_openai=True)
                if fake.stream_gap:
                    return self._send_events(stream, fake.stream_gap)
                return self._send(200, "text/event-stream; charset=utf-8", stream)
            return self._json(200, wire.chat_completion(answer_for(prompt), model, azure_openai=True))
        if path.endswith("/completions"):
            body = wire.chat_completion(answer_for(request.get("prompt")), request.get("model") or fake.model,
                                        azure_openai=True)
            choice = body["choices"][0]
            body.update(object="text_completion", choices=[{
                "text": choice["message"]["content"], "index": 0, "finish_reason": "stop", "logprobs": None,
                "content_filter_results": choice["content_filter_results"]}])
            return self._json(200, body)
        if path.endswith("/embeddings"):
            texts = request["input"] if isinstance(request["input"], list) else [request["input"]]
            size = request.get("dimensions")
            vectors = [[len(t) / 10, 0.5, -0.25] if size is None else _unit(len(t), size) for t in texts]
            return self._json(200, wire.embeddings(vectors, request.get("model") or fake.model,
                                                   as_base64=request.get("encoding_format") == "base64"))
        if path.endswith("/responses"):
            prompt = request["input"] if isinstance(request.get("input"), str) else "a conversation"
            return self._json(200, wire.responses_body(answer_for(prompt), request.get("model") or fake.model,
                                                       f"resp_loopback{len(fake.seen)}", 10, 5))
        if path.endswith("/images/generations"):
            return self._json(200, standins.images(None, request))
        return self._json(404, wire.error("404", f"Resource not found: {method} {path}"))

    def _bearer(self):
        return (self.headers.get("Authorization") or "").removeprefix("Bearer ")

    def _authorized(self, fake):
        bearer = self._bearer()
        return fake.key in (self.headers.get("api-key"), bearer) or bearer in fake.trusted

    def _claims(self):
        payload = self._bearer().split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))

    def _openid_configuration(self, fake, tenant):
        base = f"{fake.url}/{tenant}"
        self._json(200, {"token_endpoint": f"{base}/oauth2/v2.0/token",
                         "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                         "issuer": f"{base}/v2.0", "token_endpoint_auth_methods_supported":
                             ["client_secret_post", "private_key_jwt", "client_secret_basic"]})

    def _token(self, fake, form):
        secret = form.get("client_secret", [None])[0]
        assertion = form.get("client_assertion", [None])[0]
        if not ((fake.client_secret and secret == fake.client_secret)
                or (fake.client_assertion and assertion == fake.client_assertion)):
            return self._json(401, {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client "
                                    "secret provided.", "error_codes": [7000215]})
        token = make_jwt(aud=form.get("scope", [""])[0].removesuffix("/.default"), iss=f"{fake.url}/v2.0",
                         **fake.identity)
        fake.issued.append(token)
        answer = {"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}
        if fake.identity:
            tenant = self.path.split("/")[1]
            answer["id_token"] = make_jwt(aud=form.get("client_id", [""])[0], iss=f"{fake.url}/{tenant}/v2.0",
                                          iat=int(time.time()), sub=fake.identity.get("oid", ""), **fake.identity)
            fake.issued.append(answer["id_token"])
        self._json(200, answer)

    def _json(self, status, payload):
        self._send(status, "application/json", json.dumps(payload, indent=1))

    def _send(self, status, content_type, text):
        data = text.encode("utf-8")
        self._headers(status, content_type, {"Content-Length": str(len(data))})
        self.wfile.write(data)

    def _send_events(self, text, gap):
        """An event stream as the service sends one: chunked, each event written and flushed on its own, gap apart."""
        self._headers(200, "text/event-stream; charset=utf-8", {"Transfer-Encoding": "chunked"})
        for number, event in enumerate(text.split("\n\n")[:-1]):
            if number:
                time.sleep(gap)
            data = f"{event}\n\n".encode()
            self.server.fake.stream_sent.append(time.monotonic())  # before the write, so a client never outruns it
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _headers(self, status, content_type, framing):
        fake = self.server.fake
        made_up = {"cookie": secrets.token_hex(32), "apim-request-id": str(uuid.uuid4()),
                   "x-request-id": str(uuid.uuid4())}
        fake.sent += made_up.values()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in framing.items():
            self.send_header(name, value)
        self.send_header("Set-Cookie", f"ARRAffinity={made_up['cookie']}; Path=/; HttpOnly; Secure")
        self.send_header("apim-request-id", made_up["apim-request-id"])
        self.send_header("x-request-id", made_up["x-request-id"])
        if self.headers.get("x-ms-client-request-id"):
            self.send_header("x-ms-client-request-id", self.headers["x-ms-client-request-id"])
        self.send_header("x-ms-region", "East US 2")
        self.send_header("x-ratelimit-remaining-requests", "99")
        self.send_header("x-ratelimit-remaining-tokens", "9000")
        self.end_headers()


FakeAzure.handler = _Handler


def _unit(seed, size):
    """A vector of size numbers whose length is 1, as text-embedding-3 models return for a dimensions= request."""
    raw = [((seed * 31 + i * 17) % 97) / 97 - 0.5 for i in range(size)]
    norm = sum(x * x for x in raw) ** 0.5
    return [x / norm for x in raw]


def _text(content):
    """A message's text: the string, or the text parts of a list of content parts (image input)."""
    if isinstance(content, list):
        return " ".join(part.get("text", f"<{part['type']}>") for part in content)
    return content


def permission_denied(principal, path):
    """Azure's answer to a token whose principal has no role for the call (the wording of the issues cited above)."""
    route = "embeddings" if path.endswith("/embeddings") else "chat/completions"
    return (f"The principal `{principal}` lacks the required data action "
            f"`Microsoft.CognitiveServices/accounts/OpenAI/deployments/{route}/action` to perform "
            f"`POST /openai/deployments/{{deployment-id}}/{route}` operation.")
