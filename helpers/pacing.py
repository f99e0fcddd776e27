"""Paced replay (NOTEBOOK_REPLAY_PACE): a recorded event stream reaches the SDK one SSE event at a time, each after
a pause, so a streaming lesson looks like streaming. Bodies and headers are replayed unchanged.

These are vcrpy ``custom_patches`` on vcrpy's own stubs: vcrpy applies them when the cassette opens and undoes them
when it closes. No SDK or HTTP library is patched.
"""

import asyncio
import functools
import itertools
import re
import time
from io import BytesIO

from aiohttp.streams import StreamReader

from .vcr_adapter import NoConnection, aiohttp_body, response_body, response_builders, set_response_body

_EVENT_END = re.compile(rb"(?<=\n\n)|(?<=\r\n\r\n)")
_feeding = set()  # the asyncio tasks feeding aiohttp streams, kept alive until they end


def events(body):
    """The body cut after each blank line: each piece is one whole SSE event."""
    return [event for event in _EVENT_END.split(body or b"") if event]


def is_event_stream(recorded):
    return any(name.lower() == "content-type" and "text/event-stream" in value.lower()
               for name, values in recorded["headers"].items() for value in values)


def patches(pace):
    """(object, attribute, replacement) triples for vcr.VCR(custom_patches=...)."""
    wrappers = (_requests_response, _aiohttp_response, _httpx_response)
    return tuple((owner, attribute, wrap(original, pace))
                 for (owner, attribute, original), wrap in zip(response_builders(), wrappers, strict=True))


class _PacedBody(BytesIO):
    """requests/urllib3: the body of vcrpy's response, whose read(amt) gives at most one event, after the pause.
    Under vcrpy, requests' ``raw`` is that response itself, and its stream(amt) yields one read(amt) at a time."""

    def __init__(self, body, pace):
        super().__init__(body)
        self.pace = pace
        self.ends = list(itertools.accumulate(map(len, events(body))))
        self.starts = {0, *self.ends}

    def read(self, size=-1):
        position = self.tell()
        if size is None or size < 0:
            return super().read()
        end = next((end for end in self.ends if end > position), position)
        if position in self.starts and end > position:
            time.sleep(self.pace)
        return super().read(min(size, end - position))


def _requests_response(original, pace):
    def response(recorded, *args, **kwargs):
        response = original(recorded, *args, **kwargs)
        if is_event_stream(recorded):
            set_response_body(response, _PacedBody(response_body(response).getvalue(), pace))
        return response

    return response


def _aiohttp_response(original, pace):
    def build_response(vcr_request, recorded, history):
        response = original(vcr_request, recorded, history)
        if is_event_stream(recorded):
            body = aiohttp_body(response) or b""
            loop = asyncio.get_running_loop()
            stream = StreamReader(_Connection(), max(len(body), 2**16), loop=loop)
            task = loop.create_task(_feed(stream, events(body), pace))
            _feeding.add(task)
            task.add_done_callback(_feeding.discard)
            response.content = stream
        return response

    return build_response


class _Connection(NoConnection):
    connected = True  # aiohttp waits for more data only while the connection is open


async def _feed(stream, pieces, pace):
    for piece in pieces:
        await asyncio.sleep(pace)
        stream.feed_data(piece)
    stream.feed_eof()


def _httpx_response(original, pace):
    def deserialize(recorded, httpx):
        response = original(recorded, httpx)
        if is_event_stream(recorded):
            response.stream = _paced_stream(httpx)(events(recorded["body"]["string"]), pace)
        return response

    return deserialize


@functools.cache
def _paced_stream(httpx):
    """A stream class for this httpx module (httpx or httpx2) that yields one event per step, after the pause."""

    class PacedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
        def __init__(self, pieces, pace):
            self.pieces, self.pace = pieces, pace

        def __iter__(self):
            for piece in self.pieces:
                time.sleep(self.pace)
                yield piece

        async def __aiter__(self):
            for piece in self.pieces:
                await asyncio.sleep(self.pace)
                yield piece

    return PacedStream
