"""What vcrpy replaces while a cassette is open (vcr/patch.py), on each transport the SDKs use, and a way to tell
whether its replacements are in place: vcrpy's are its stub classes (or subclasses of them) and functions wrapping
the originals (functools.wraps leaves __wrapped__)."""

import http.client

import aiohttp
import httpx2
import urllib3.connectionpool as pool

REPLACED = {
    "http.client": ((http.client, "HTTPConnection"), (http.client, "HTTPSConnection")),
    "urllib3 (requests, azure-core)": ((pool.HTTPConnectionPool, "ConnectionCls"),
                                       (pool.HTTPSConnectionPool, "ConnectionCls")),
    "aiohttp (azure-core async)": ((aiohttp.ClientSession, "_request"),),
    "httpx2 (openai)": ((httpx2.HTTPTransport, "handle_request"), (httpx2.AsyncHTTPTransport, "handle_async_request")),
}


def _places():
    for transport, places in REPLACED.items():
        for owner, attribute in places:
            yield f"{transport}: {owner.__name__}.{attribute}", owner, attribute


EVERY_PLACE = [label for label, _, _ in _places()]


def from_vcr(value):
    classes = getattr(value, "__mro__", (value,))
    return hasattr(value, "__wrapped__") or any(getattr(c, "__module__", "").startswith("vcr.") for c in classes)


def vcr_patched():
    """The places of REPLACED where vcrpy's replacement is in place now, labelled "transport: owner.attribute"."""
    return [label for label, owner, attribute in _places() if from_vcr(getattr(owner, attribute))]
