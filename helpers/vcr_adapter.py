"""Every use of vcrpy's and aiohttp's private internals, in one place.

vcrpy's public surface (VCR, use_cassette, matchers, record modes) does not let a cassette choose which recorded
answer plays, load a second file, keep what a recording sends in its own order, pace a replayed stream, or let one
host's requests pass its stubs by. What the kit needs for those is named here, and tests/test_vcr_adapter.py fails
with a clear message when a vcrpy or aiohttp release changes it, and when another module of the kit reaches for one.
"""

from pathlib import Path

from aiohttp import ClientResponse
from vcr import patch as vcr_patch
from vcr import stubs
from vcr.cassette import Cassette
from vcr.persisters.filesystem import CassetteNotFoundError, FilesystemPersister
from vcr.request import Request
from vcr.serialize import deserialize
from vcr.serializers import compat
from vcr.stubs import aiohttp_stubs, httpx_stubs

# (owner, attribute): what the kit reads or replaces, for the test that guards this list.
USED = (
    (Cassette, "data"),
    (Cassette, "_before_record_request"),
    (Cassette, "_save"),
    (stubs, "VCRHTTPResponse"),
    (stubs.VCRHTTPResponse, "_content"),
    (aiohttp_stubs, "build_response"),
    (aiohttp_stubs, "_NoConnection"),
    (httpx_stubs, "_deserialize_response"),
    (ClientResponse, "_body"),
    (Cassette, "append"),
    (Cassette, "can_play_response_for"),
    (Cassette, "play_response"),
    (Cassette, "play_counts"),
    (Request, "_to_dict"),
    (stubs.VCRConnection, "real_connection"),
    (stubs.VCRConnection, "_uri"),
    (stubs.VCRConnection, "_vcr_request"),
    (stubs.VCRConnection, "_deferred_connect"),
    (vcr_patch, "_AiohttpClientSessionRequest"),
    (vcr_patch, "_HttpxHttpTransport_handle_request"),
    (vcr_patch, "_HttpxAsyncHttpTransport_handle_async_request"),
    (vcr_patch, "_Httpx2HttpTransport_handle_request"),
    (vcr_patch, "_Httpx2AsyncHttpTransport_handle_async_request"),
)


class KitCassette(Cassette):
    """A vcrpy Cassette whose decisions the kit makes, under names of its own: answers(request) says whether the
    cassette answers a request, answer(request) gives the answer, appended(request, response) hears of each interaction
    vcrpy appends (while loading the file too), and a cassette that writes itself (writes_itself) never lets vcrpy's
    own save write its data. Every vcrpy method the kit overrides is overridden here."""

    writes_itself = False

    def answers(self, request):
        return super().can_play_response_for(request)

    def answer(self, request):
        return super().play_response(request)

    def appended(self, request, response):
        pass

    def count_play(self, index):
        self.play_counts[index] += 1

    def can_play_response_for(self, request):
        return self.answers(request)

    def play_response(self, request):
        return self.answer(request)

    def append(self, request, response):
        before = len(self.data)
        super().append(request, response)
        if len(self.data) > before:
            self.appended(*self.data[-1])

    def _save(self, force=False):
        if not self.writes_itself:
            super()._save(force=force)


def interactions(cassette):
    """The cassette's (request, response) pairs, in order."""
    return cassette.data


def prepare(cassette, request):
    """A sent request as the cassette's before_record_request makes it (a scrubbed copy), or None."""
    return cassette._before_record_request(request)


class _Parsed:
    """A vcrpy serializer for a cassette the kit has parsed already: it hands vcrpy copies of the responses and their
    bodies, which vcrpy changes in place (it encodes each body to bytes), so the parse stays as it was for the kit."""

    @staticmethod
    def deserialize(data):
        copied = [{"request": i["request"], "response": {**i["response"], "body": {**i["response"]["body"]}}}
                  for i in data["interactions"]]
        return {**data, "interactions": copied}


def _requests_and_responses(data):
    """The requests and the responses of a parsed cassette, as vcrpy makes them from the file."""
    requests, responses, *_ = deserialize(data, _Parsed)
    return requests, responses


def add_interactions(cassette, data):
    """Append the interactions of another cassette, parsed."""
    cassette.data.extend(zip(*_requests_and_responses(data), strict=True))


def persister(load):
    """vcrpy's file persister, reading a cassette with load (the kit's parse, kept per kernel) instead of parsing the
    file a second time; it saves as vcrpy does."""

    class ParsedOnce(FilesystemPersister):
        @classmethod
        def load_cassette(cls, cassette_path, serializer):
            if not Path(cassette_path).is_file():
                raise CassetteNotFoundError()
            return _requests_and_responses(load(cassette_path))

    return ParsedOnce


def response_body(response):
    """The bytes vcrpy's urllib3 stub will hand out, and a way to replace them (pacing)."""
    return response._content


def set_response_body(response, body):
    response._content = body


def aiohttp_body(response):
    """The bytes of the aiohttp response vcrpy's build_response made."""
    return response._body


NoConnection = aiohttp_stubs._NoConnection


def response_builders():
    """(owner, attribute, what is there): the three places vcrpy builds a replayed response, for requests/urllib3 (its
    response class), aiohttp and httpx (helpers.pacing wraps each, as vcrpy custom_patches)."""
    return ((stubs, "VCRHTTPResponse", stubs.VCRHTTPResponse),
            (aiohttp_stubs, "build_response", aiohttp_stubs.build_response),
            (httpx_stubs, "_deserialize_response", httpx_stubs._deserialize_response))


def routed_connection(stub_class, replays, note):
    """A subclass of vcrpy's urllib3 connection stub that, for a request replays(request) turns down, is the real
    connection it wraps: the request goes out as urllib3 sends it and its response streams, unread (note(request,
    status) hears of it). Connecting waits until the request says where it goes."""

    class Routed(stub_class):
        goes_live = None

        def connect(self, *args, **kwargs):
            self._deferred_connect = (args, kwargs)

        def request(self, method, url, body=None, headers=None, *args, **kwargs):
            sent = Request(method, self._uri(url), body, dict(headers or {}))
            self.goes_live = not replays(sent)
            if not self.goes_live:
                return super().request(method, url, body, headers, *args, **kwargs)
            self._deferred_connect = None  # http.client connects the real connection when it sends
            self._vcr_request = sent
            self.real_connection.request(method, url, body, headers, *args, **kwargs)

        def getresponse(self, *args, **kwargs):
            if not self.goes_live:
                return super().getresponse(*args, **kwargs)
            self.goes_live = None
            response = self.real_connection.getresponse(*args, **kwargs)
            note(self._vcr_request, response.status)
            return response

    Routed.__name__ = f"Routed{stub_class.__name__}"
    return Routed


def live_entry_points(router):
    """(owner, attribute, make): each place vcrpy puts a stub for the kit's transports, and how the router wraps the
    stub found there (helpers.routing), with the library's own function vcrpy saved before patching."""
    import aiohttp.client
    import httpx
    import httpx2
    import urllib3.connection as conn
    import urllib3.connectionpool as cpool
    real_request = vcr_patch._AiohttpClientSessionRequest
    yield aiohttp.client.ClientSession, "_request", lambda stub: router.aiohttp(stub, real_request)
    for module, sync, asynchronous in ((httpx, vcr_patch._HttpxHttpTransport_handle_request,
                                        vcr_patch._HttpxAsyncHttpTransport_handle_async_request),
                                       (httpx2, vcr_patch._Httpx2HttpTransport_handle_request,
                                        vcr_patch._Httpx2AsyncHttpTransport_handle_async_request)):
        yield module.HTTPTransport, "handle_request", lambda stub, real=sync: router.httpx_sync(stub, real)
        yield (module.AsyncHTTPTransport, "handle_async_request",
               lambda stub, real=asynchronous: router.httpx_async(stub, real))
    for owner, attribute in ((conn, "VerifiedHTTPSConnection"), (conn, "HTTPConnection"), (conn, "HTTPSConnection"),
                             (cpool.HTTPConnectionPool, "ConnectionCls"), (cpool.HTTPSConnectionPool, "ConnectionCls")):
        yield owner, attribute, router.urllib3


def as_written(request, response):
    """A (request, response) pair as vcrpy writes it into a cassette file, headers in name order (a server's order
    may change from one answer to the next)."""
    written = {"request": compat.convert_to_unicode(request._to_dict()),
               "response": compat.convert_to_unicode(response)}
    for part in written.values():
        part["headers"] = dict(sorted(part["headers"].items()))
    return written
