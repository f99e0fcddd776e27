"""make bench: the notebook suite against its floor, with the SDKs' recorded waits counted apart, the -n speed-up, and
the cost of importing the kit.

The floor is, for each notebook, a notebook with the same number of code cells, whose first cell imports the SDKs and
whose other cells print a number, run by the same nbval command. So the ratio prices the kit and the SDK work it
replays, not nbval's cost per cell.

The SDKs wait for real where a recording says so (a 429's Retry-After, retry backoff, paced streams): every sleep a
kernel makes is logged (tools/waits.py), and the ratio is (suite - those waits) / floor, run by one worker, so that
waits and wall time add up. Each notebook runs right before its floor, in one pytest run, and each is timed from its
kernel's start to its stop: a slow moment of a shared machine falls on both of a pair, not on one side's whole run.
The speed-up and the design's budget (1.3) are measured with -n auto: the median of pairs of runs, the suite's then the
floor's, since one such run swings by a fifth with where the long notebooks fall among the workers.
"""

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import nbformat

from tools import waits
from tools.kit import SUITE
from tools.run_notebooks import label

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 3
FLOOR_IMPORTS = "import azure.ai.inference, azure.core, azure.identity, openai"
SDKS = "import azure.ai.inference, azure.ai.inference.aio, azure.core, azure.identity, openai, aiohttp"


def notebooks():
    found = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    return found + sorted((ROOT / "notebooks" / "solutions").glob("[0-9][0-9]_*.ipynb"))


def code_cells(path):
    return sum(1 for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code")


def floor_notebook(cells):
    """cells code cells: the first imports the SDKs, each other prints its number, stored as its expected output."""
    first = nbformat.v4.new_code_cell(FLOOR_IMPORTS, execution_count=1)
    rest = [nbformat.v4.new_code_cell(f"print({number})", execution_count=number,
                                      outputs=[nbformat.v4.new_output("stream", name="stdout", text=f"{number}\n")])
            for number in range(2, cells + 1)]
    return nbformat.v4.new_notebook(cells=[first, *rest])


def write_floor(notebooks, folder=ROOT / "build" / "bench-floor"):
    """One floor notebook per notebook, in folder (emptied first), with as many code cells."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    paths = []
    for notebook in notebooks:
        path = folder / f"floor_{label(notebook).replace('/', '_')}.ipynb"
        nbformat.write(floor_notebook(code_cells(notebook)), path)
        paths.append(path)
    return paths


class Run(NamedTuple):
    """One run of pytest over notebooks: its wall time, the waits its kernels logged, and {notebook: seconds}."""

    seconds: float
    waits: waits.Waits
    times: dict

    def spent(self, paths):
        """The seconds the notebooks at paths took."""
        return sum(self.times[waits.notebook_name(path)] for path in paths)

    def waited(self, paths):
        """The seconds the kernels of the notebooks at paths sat in the recordings' waits."""
        return sum(self.waits.by_notebook.get(waits.notebook_name(path), 0.0) for path in paths)

    def working(self, paths):
        """The seconds the notebooks at paths took, the recordings' waits taken out."""
        return self.spent(paths) - self.waited(paths)


def ratio(run, lessons, floors, free=0.0):
    """The lessons' time without their recorded waits (and without free seconds), over their floors' time, in one run
    of both."""
    return (run.working(lessons) - free) / run.spent(floors)


def excess(run, lessons, floors):
    """{notebook: its seconds beyond its floor's, its recorded waits taken out}."""
    return {waits.notebook_name(lesson): run.working([lesson]) - run.spent([floor])
            for lesson, floor in zip(lessons, floors, strict=True)}


def run_suite(paths, workers):
    """Run nbval over paths with workers, as make test does, every kernel logging its sleeps."""
    # -c: the suite's configuration (strict nbval, its sanitizer) for notebooks anywhere, a floor in a test's folder too
    command = [sys.executable, "-m", "pytest", "-q", "-c", "pyproject.toml", *SUITE, "-n", str(workers),
               "-p", "tools.waits", *map(str, paths)]
    with tempfile.TemporaryDirectory() as folder:
        path = os.pathsep.join(p for p in (str(waits.KERNEL_STARTUP), os.environ.get("PYTHONPATH")) if p)
        env = {**os.environ, "NOTEBOOK_MODE": "replay", waits.FOLDER: folder, "PYTHONPATH": path}
        started = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False, env=env)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}")
        return Run(elapsed, waits.Waits(folder), waits.times(folder))


def import_cost(module, repeats=5):
    code = (f"import time; {SDKS}; t = time.perf_counter(); import {module}; "
            "print(time.perf_counter() - t)")
    samples = [float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                    check=True).stdout) for _ in range(repeats)]
    return sorted(samples)[repeats // 2]


# The kit cell's steps, timed inside a fresh kernel after the floor's imports: what vcrpy and PyYAML cost the kit by
# being imported, what the kit's own modules add, and start() itself.
KIT_CELL = (("vcrpy and PyYAML", "import yaml, vcr, vcr.stubs.aiohttp_stubs, vcr.stubs.httpx_stubs"),
            ("the kit's own modules", "import helpers.kit"),
            ("start('02_chat')", "helpers.kit.start('02_chat')"))


def timed_in(client, code):
    """Seconds code takes inside the kernel of client (exits, with what the kernel said, when it fails)."""
    said = []
    measured = f"import time as _t\n_s = _t.perf_counter()\n{code}\nprint('@', _t.perf_counter() - _s)"

    def hear(message):
        if message["msg_type"] in ("stream", "error"):
            said.append(message["content"].get("text") or message["content"].get("evalue", ""))

    reply = client.execute_interactive(measured, timeout=120, output_hook=hear)
    if reply["content"]["status"] != "ok":
        sys.exit(f"{code} failed in the bench's kernel: {' '.join(said)}")
    return float("".join(said).rpartition("@ ")[2])


def kit_cell_costs(steps=KIT_CELL, repeats=3):
    """The seconds each step of steps takes in a fresh replay kernel after the floor's imports, median of repeats."""
    from jupyter_client.manager import start_new_kernel

    samples = []
    for _ in range(repeats):
        # The kernel's own log (stderr) is dropped, as make run does: what a step says comes over Jupyter's channels.
        manager, client = start_new_kernel(kernel_name="python3", cwd=str(ROOT / "notebooks"),
                                           env={**os.environ, "NOTEBOOK_MODE": "replay"}, stderr=subprocess.DEVNULL)
        try:
            timed_in(client, FLOOR_IMPORTS)
            samples.append([timed_in(client, code) for _, code in steps])
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)
    return [statistics.median(column) for column in zip(*samples, strict=True)]


def main():
    lessons = notebooks()
    floor = write_floor(lessons)
    # As a learner's first run leaves them; where PYTHONDONTWRITEBYTECODE is set, every kernel would compile the kit.
    compileall.compile_dir(ROOT / "helpers", quiet=1)
    compileall.compile_dir(ROOT / "openai_v1_migrate", quiet=1)
    paired = [path for pair in zip(lessons, floor, strict=True) for path in pair]
    runs = [run_suite(paired, 1) for _ in range(REPEATS)]
    suite = statistics.median(run.spent(lessons) for run in runs)
    waited = statistics.median(run.waited(lessons) for run in runs)
    askers = sorted(runs[0].waits.by_asker.items(), key=lambda item: -item[1])
    per_run = [excess(run, lessons, floor) for run in runs]
    beyond = {name: statistics.median(found[name] for found in per_run) for name in per_run[0]}
    largest = sorted(beyond.items(), key=lambda item: -item[1])[:6]
    auto = [(run_suite(lessons, "auto").seconds, run_suite(floor, "auto").seconds) for _ in range(REPEATS)]
    workers = os.cpu_count() or 1
    kit_cell = kit_cell_costs(repeats=REPEATS)
    own, whole = sum(kit_cell[1:]), sum(kit_cell)
    rows = [
        (f"notebook suite, {len(lessons)} notebooks, one worker, each before its floor (median of {REPEATS})",
         f"{suite:.1f} s"),
        ("  of which the SDKs' recorded waits (median)", f"{waited:.1f} s"),
        ("  every sleep in its kernels, by who asked (first run)",
         ", ".join(f"{asker} {seconds:.1f} s" for asker, seconds in askers)),
        (f"floor, {len(floor)} notebooks of as many cells (median of {REPEATS})",
         f"{statistics.median(run.spent(floor) for run in runs):.1f} s"),
        ("(suite - waits) / floor, median of the runs (target 1.15)",
         f"{statistics.median(ratio(run, lessons, floor) for run in runs):.2f}"),
        ("  seconds beyond the floor, waits out (median), largest",
         ", ".join(f"{name} {seconds:+.2f}" for name, seconds in largest)),
        (f"suite / floor, -n auto, median of {REPEATS} pairs (budget 1.3)",
         f"{statistics.median(lessons_s / floor_s for lessons_s, floor_s in auto):.2f}"),
        (f"suite's notebooks with one worker / suite with -n auto ({workers} cores)",
         f"{suite / statistics.median(lessons_s for lessons_s, _ in auto):.2f}x speed-up"),
        ("import helpers after the SDKs (budget 50 ms)", f"{import_cost('helpers') * 1000:.1f} ms"),
        (f"the kit cell in a kernel after the SDKs (median of {REPEATS} kernels)",
         ", ".join(f"{name} {seconds * 1000:.0f} ms" for (name, _), seconds in zip(KIT_CELL, kit_cell, strict=True))),
        ("(suite - waits) / floor were the kit's own modules and start() free",
         f"{statistics.median(ratio(run, lessons, floor, free=own * len(lessons)) for run in runs):.2f}"),
        ("(suite - waits) / floor were the whole kit cell free, vcrpy and PyYAML too",
         f"{statistics.median(ratio(run, lessons, floor, free=whole * len(lessons)) for run in runs):.2f}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
