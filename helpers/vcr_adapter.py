"""Every use of vcrpy's and aiohttp's private internals, in one place.

vcrpy's public surface (VCR, use_cassette, matchers, record modes) does not let a cassette choose which recorded
answer plays, load a second file, save on demand, or pace a replayed stream. What the kit needs for those is named
here, and tests/test_vcr_adapter.py fails with a clear message when a vcrpy or aiohttp release changes it.
"""

from aiohttp import ClientResponse
from vcr import patch as vcr_patch
from vcr import stubs
from vcr.cassette import Cassette
from vcr.request import Request
from vcr.serialize import deserialize
from vcr.serializers import compat, yamlserializer
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
    (Request, "_to_dict"),
    (vcr_patch, "_AiohttpClientSessionRequest"),
    (vcr_patch, "_HttpxHttpTransport_handle_request"),
    (vcr_patch, "_HttpxAsyncHttpTransport_handle_async_request"),
    (vcr_patch, "_Httpx2HttpTransport_handle_request"),
    (vcr_patch, "_Httpx2AsyncHttpTransport_handle_async_request"),
)


def interactions(cassette):
    """The cassette's (request, response) pairs, in order."""
    return cassette.data


def prepare(cassette, request):
    """A sent request as the cassette's before_record_request makes it (a scrubbed copy), or None."""
    return cassette._before_record_request(request)


def add_file(cassette, path):
    """Append the interactions of another cassette file, read as vcrpy reads its own."""
    requests, responses, *_ = deserialize(path.read_text(encoding="utf-8"), yamlserializer)
    cassette.data.extend(zip(requests, responses, strict=True))


def save(cassette):
    """Write what the cassette holds now, recorded or not."""
    cassette._save(force=True)


def response_body(response):
    """The bytes vcrpy's urllib3 stub will hand out, and a way to replace them (pacing)."""
    return response._content


def set_response_body(response, body):
    response._content = body


def aiohttp_body(response):
    """The bytes of the aiohttp response vcrpy's build_response made."""
    return response._body


NoConnection = aiohttp_stubs._NoConnection


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
