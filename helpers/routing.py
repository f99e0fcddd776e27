"""Live where you can: each request goes to the service or to the replay cassette by where it is sent.

vcrpy's stubs read a whole response before the SDK sees it, so a live request must never pass through them. route()
puts a router in front of each stub vcrpy installed (for requests/urllib3, aiohttp, httpx and httpx2): a request the
session replays goes to the stub, any other goes to the library's own transport, untouched and unbuffered. A live
request is noted (method, URL, headers and body as sent, and the status it got) so the kit can show and check it;
its answer is never kept.
"""

import functools
from urllib.parse import urlsplit

from vcr.request import Request

from .vcr_adapter import live_entry_points, routed_connection


class Router:
    """replays(request) says whether a vcrpy Request goes to the cassette; note(request, status) hears of each
    request that went live."""

    def __init__(self, replays, note):
        self.replays, self.note = replays, note
        self._classes = {}

    def httpx_sync(self, stub, original):
        @functools.wraps(stub)
        def handle_request(transport, request):
            sent = Request(request.method, str(request.url), request.read(), dict(request.headers))
            if self.replays(sent):
                return stub(transport, request)
            response = original(transport, request)
            self.note(sent, response.status_code)
            return response

        return handle_request

    def httpx_async(self, stub, original):
        @functools.wraps(stub)
        async def handle_async_request(transport, request):
            sent = Request(request.method, str(request.url), await request.aread(), dict(request.headers))
            if self.replays(sent):
                return await stub(transport, request)
            response = await original(transport, request)
            self.note(sent, response.status_code)
            return response

        return handle_async_request

    def aiohttp(self, stub, original):
        @functools.wraps(stub)
        async def _request(session, method, url, *args, **kwargs):
            body = kwargs.get("data") if kwargs.get("data") is not None else kwargs.get("json")
            sent = Request(method, str(url), body if isinstance(body, (bytes, str, type(None))) else repr(body),
                           dict(kwargs.get("headers") or {}))
            if self.replays(sent):
                return await stub(session, method, url, *args, **kwargs)
            response = await original(session, method, url, *args, **kwargs)
            self.note(sent, response.status)
            return response

        return _request

    def urllib3(self, stub_class):
        """vcrpy's connection stub for urllib3, as one that passes live requests to the real connection (one class
        per stub class, so urllib3's pools still find their connections of the class they expect)."""
        if stub_class not in self._classes:
            self._classes[stub_class] = routed_connection(stub_class, self.replays, self.note)
        return self._classes[stub_class]


def route(replays, note):
    """Install a router in front of every stub of the cassette now in effect; return the undo."""
    router = Router(replays, note)
    undo = []
    for owner, attribute, make in live_entry_points(router):
        before = getattr(owner, attribute)
        setattr(owner, attribute, make(before))
        undo.append((owner, attribute, before))

    def restore():
        for owner, attribute, before in reversed(undo):
            setattr(owner, attribute, before)

    return restore


def host_of(request):
    return (urlsplit(request.uri).hostname or "").lower()
