"""make bench: the notebook suite against its floor, the -n speed-up, and the cost of importing the kit.

The floor is the same number of notebooks, each one cell importing the SDKs, run by the same nbval command.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 3
FLOOR_CELL = "import azure.ai.inference, azure.core, azure.identity, openai, aiohttp"
SDKS = "import azure.ai.inference, azure.ai.inference.aio, azure.core, azure.identity, openai, aiohttp"


def notebooks():
    found = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    return found + sorted((ROOT / "notebooks" / "solutions").glob("[0-9][0-9]_*.ipynb"))


def write_floor(count):
    folder = ROOT / "build" / "bench-floor"
    folder.mkdir(parents=True, exist_ok=True)
    cell = {"cell_type": "code", "execution_count": 1, "id": "floor", "metadata": {}, "outputs": [],
            "source": FLOOR_CELL}
    paths = []
    for number in range(count):
        path = folder / f"floor_{number:02d}.ipynb"
        path.write_text(json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
        paths.append(path)
    return paths


def run_suite(paths, workers):
    command = [sys.executable, "-m", "pytest", "-q", "-n", str(workers), *map(str, paths)]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False,
                            env={**os.environ, "NOTEBOOK_MODE": "replay"})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}")
    return elapsed


def import_cost(module, repeats=5):
    code = (f"import time; {SDKS}; t = time.perf_counter(); import {module}; "
            "print(time.perf_counter() - t)")
    samples = [float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                                    check=True).stdout) for _ in range(repeats)]
    return sorted(samples)[repeats // 2]


def main():
    lessons = notebooks()
    floor = write_floor(len(lessons))
    workers = os.cpu_count() or 1
    # Suite and floor alternate, REPEATS times each, so that a busy moment of the machine hits both alike.
    pairs = [(run_suite(lessons, "auto"), run_suite(floor, "auto")) for _ in range(REPEATS)]
    suite_auto = statistics.median(suite for suite, _ in pairs)
    floor_auto = statistics.median(floor_time for _, floor_time in pairs)
    ratio = statistics.median(suite / floor_time for suite, floor_time in pairs)
    suite_one = run_suite(lessons, 1)
    rows = [
        (f"notebook suite, {len(lessons)} notebooks, -n auto (median of {REPEATS})", f"{suite_auto:.1f} s"),
        (f"floor, {len(floor)} import-only notebooks, -n auto (median of {REPEATS})", f"{floor_auto:.1f} s"),
        ("suite / floor, median of the paired runs (budget 1.3)", f"{ratio:.2f}"),
        (f"suite with -n 1 / -n auto ({workers} cores)", f"{suite_one / suite_auto:.2f}x speed-up"),
        ("import helpers after the SDKs (budget 50 ms)", f"{import_cost('helpers') * 1000:.1f} ms"),
        ("import helpers.kit after the SDKs (what start() loads)", f"{import_cost('helpers.kit') * 1000:.1f} ms"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
