"""make bench's kernels only (tools/bench.py puts this folder on their PYTHONPATH): log every sleep a kernel makes, so
the bench counts the SDKs' recorded waits (Retry-After, retry backoff, paced streams) apart from the kit's own time.

time.sleep raises no audit event, so time.sleep and asyncio.sleep are wrapped here, before anything imports them
(anyio binds asyncio.sleep at import). Nothing is wrapped unless the bench names the file to log to, which it does
only for the kernels it starts; each sleep is one line at once (nbval kills kernels without atexit): the seconds asked
for, its start and end on the perf_counter clock, and the module that asked.
"""

import os
import sys

LOG = os.environ.get("KIT_BENCH_SLEEP_LOG")
WRAPPERS = ("sitecustomize", "asyncio", "anyio")  # modules a sleep passes through on its way from whoever asked


def _asker():
    frame = sys._getframe(1).f_back  # past the wrapper that called this
    while frame is not None and frame.f_globals.get("__name__", "").startswith(WRAPPERS):
        frame = frame.f_back
    return frame.f_globals.get("__name__", "?") if frame is not None else "?"


def _write(seconds, started, ended, asker):
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(f"{seconds}\t{started:.6f}\t{ended:.6f}\t{asker}\n")


def _wrap():
    import asyncio
    import time

    clock, sleep, async_sleep = time.perf_counter, time.sleep, asyncio.sleep

    def logged_sleep(seconds):
        asker, started = _asker(), clock()
        try:
            sleep(seconds)
        finally:
            _write(seconds, started, clock(), asker)

    async def logged_async_sleep(delay, *args, **kwargs):
        asker, started = _asker(), clock()
        try:
            return await async_sleep(delay, *args, **kwargs)
        finally:
            _write(delay, started, clock(), asker)

    time.sleep, asyncio.sleep = logged_sleep, logged_async_sleep


if LOG:
    _wrap()
