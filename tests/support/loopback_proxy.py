"""An HTTPS proxy on 127.0.0.1 that tunnels every CONNECT, whatever host it names, to one loopback server: with
HTTPS_PROXY pointing at it, a notebook's own code reaches tests/support/loopback.py under the real-looking hostnames of
its variables, as through a company proxy (the SDKs' transports all honour HTTPS_PROXY). TLS stays end to end: the
server's certificate must be valid for those names (write_certificate(hosts=...)) and trusted through SSL_CERT_FILE
and REQUESTS_CA_BUNDLE.

    with TunnelTo(azure.port) as proxy:     # proxy.url is http://127.0.0.1:<port>
        ...                                 # a kernel with HTTPS_PROXY=proxy.url
    with behind_proxy(directory, ["contoso-aoai.openai.azure.com"]) as (azure, proxy, ca):   # both at once
        ...
"""

import contextlib
import select
import socket
import threading
from http.server import BaseHTTPRequestHandler
from typing import NamedTuple

from .loopback import LOOPBACK, FakeAzure, QuietServer, make_key, write_certificate


class _Tunnel(BaseHTTPRequestHandler):
    def log_message(self, *_):
        pass

    def do_CONNECT(self):
        self.server.hosts.append(self.path)
        with socket.create_connection((LOOPBACK, self.server.target)) as upstream:
            self.send_response(200, "Connection established")
            self.end_headers()
            sockets = [self.connection, upstream]
            while True:
                ready, _, _ = select.select(sockets, [], [], 30)
                if not ready:
                    return
                for each in ready:
                    data = each.recv(65536)
                    if not data:
                        return
                    (upstream if each is self.connection else self.connection).sendall(data)


class TunnelTo:
    """hosts lists each host:port a client asked to CONNECT to."""

    def __init__(self, port):
        self._httpd = QuietServer((LOOPBACK, 0), _Tunnel)
        self._httpd.daemon_threads = True
        self._httpd.target, self._httpd.hosts = port, []
        self.hosts = self._httpd.hosts
        self.url = f"http://{LOOPBACK}:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._httpd.shutdown()
        self._httpd.server_close()


class Reached(NamedTuple):
    azure: FakeAzure  # the service, with its key
    proxy: TunnelTo
    ca: str  # the file of the CA that signed the service's certificate


@contextlib.contextmanager
def behind_proxy(directory, hosts):
    """A FakeAzure with a key of its own and a certificate valid for hosts (written in directory), and the proxy
    that reaches it under those names."""
    ca, *rest = write_certificate(directory, hosts=hosts)
    with FakeAzure(key=make_key(), certificate=(ca, *rest)) as azure, TunnelTo(azure.port) as proxy:
        yield Reached(azure, proxy, ca)
