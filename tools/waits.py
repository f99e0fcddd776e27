"""The waits in make bench's kernels: every sleep a kernel makes, logged by tools/bench_kernel/sitecustomize.py, so the
bench can count the SDKs' recorded waits (Retry-After, retry backoff, paced streams) apart from the kit's own time; and
the time each notebook's cells took, its kernel's start and stop included.

A pytest plugin (pytest -p tools.waits, with KIT_BENCH_WAITS naming a folder) tells each notebook's kernel where to log,
before nbval starts it: FOLDER/notebooks/02_chat.tsv, FOLDER/solutions/02_chat.tsv and so on (the notebook's folder and
name). Waits(FOLDER) reads the logs back. The plugin adds each cell's seconds (setup, run and teardown, so the kernel's
start and stop too) to FOLDER/times.txt; times(FOLDER) sums them per notebook.
"""

import os
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest

FOLDER = "KIT_BENCH_WAITS"  # set by the bench for pytest: where the kernels' logs go
LOG = "KIT_BENCH_SLEEP_LOG"  # set by this plugin for one kernel: the file it logs to (read by bench_kernel)
KERNEL_STARTUP = Path(__file__).resolve().parent / "bench_kernel"  # put on the kernels' PYTHONPATH by the bench
# Who asks for the waits a recording dictates: the SDKs' retry policies (Retry-After, backoff) and the kit's paced
# replay. Every other sleep (the kernel polling its parent, subprocess waiting for the offline Azure CLI) is logged and
# shown apart, never counted: the floor's kernels make the first alike, and the second is the kit's own time.
RECORDED = ("azure.", "openai.", "helpers.pacing")


TIMES = "times.txt"


def notebook_name(path):
    """How the logs name a notebook: its folder and stem (notebooks/02_chat, solutions/02_chat)."""
    return Path(*Path(path).parts[-2:]).with_suffix("").as_posix()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before nbval starts a notebook's kernel (in the setup of its first cell), name the file that kernel logs to."""
    if os.environ.get(FOLDER):
        log = Path(os.environ[FOLDER], notebook_name(item.path) + ".tsv")
        log.parent.mkdir(parents=True, exist_ok=True)
        os.environ[LOG] = str(log)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Time a cell from its setup to its teardown (a notebook's first starts its kernel, its last stops it)."""
    started = time.perf_counter()
    yield
    if os.environ.get(FOLDER):
        with open(Path(os.environ[FOLDER], TIMES), "a", encoding="utf-8") as log:
            log.write(f"{notebook_name(item.path)}\t{time.perf_counter() - started}\n")


def times(folder):
    """{notebook: the seconds its cells took}, from a run's FOLDER/times.txt."""
    found = Counter()
    path = Path(folder, TIMES)
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else ():
        name, seconds = line.split("\t")
        found[name] += float(seconds)
    return dict(found)


def covered(intervals):
    """Seconds during which at least one of the (start, end) intervals was running: overlapping waits count once."""
    total, reached = 0.0, float("-inf")
    for start, end in sorted(intervals):
        if end > reached:
            total += end - max(start, reached)
            reached = end
    return total


class Sleep(NamedTuple):
    seconds: float  # asked for
    start: float
    end: float
    asker: str  # the module that asked

    @property
    def counted(self):
        """A wait the recording dictates: asked for by RECORDED, for some time (sleep(0) only lets other tasks run)."""
        return self.seconds > 0 and self.asker.startswith(RECORDED)


def read(log):
    """The sleeps logged in log, in the order they ended."""
    rows = (line.split("\t") for line in Path(log).read_text(encoding="utf-8").splitlines() if line)
    return [Sleep(float(seconds), float(start), float(end), asker) for seconds, start, end, asker in rows]


def package(module):
    """Who asked for a sleep, as a reader knows them: azure.core, openai._base_client, helpers.pacing..."""
    return ".".join(module.split(".")[:2])


class Waits:
    """The waits of a run: per notebook (its path), the seconds during which its kernel sat in a counted sleep; per
    package that asked, the seconds of all its sleeps, counted or not."""

    def __init__(self, folder):
        logs = sorted(Path(folder).rglob("*.tsv"))
        sleeps = {log.relative_to(folder).with_suffix("").as_posix(): read(log) for log in logs}
        self.by_notebook = {name: covered((s.start, s.end) for s in rows if s.counted) for name, rows in sleeps.items()}
        self.by_asker = Counter()
        for rows in sleeps.values():
            for sleep in rows:
                self.by_asker[package(sleep.asker)] += sleep.end - sleep.start
