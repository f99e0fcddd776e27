"""make bench: the notebook suite against its floor, the -n speed-up, and the cost of importing the kit.

The floor is, for each notebook, a notebook with the same number of code cells, whose first cell imports the SDKs and
whose other cells print a number, run by the same nbval command. So the ratio prices the kit and the SDK work it
replays, not nbval's cost per cell.
"""

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import nbformat

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


def write_floor(notebooks):
    """One floor notebook per notebook, in build/bench-floor/, with as many code cells."""
    folder = ROOT / "build" / "bench-floor"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    paths = []
    for notebook in notebooks:
        path = folder / f"floor_{label(notebook).replace('/', '_')}.ipynb"
        nbformat.write(floor_notebook(code_cells(notebook)), path)
        paths.append(path)
    return paths


def run_suite(paths, workers):
    command = [sys.executable, "-m", "pytest", "-q", *SUITE, "-n", str(workers), *map(str, paths)]
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
    floor = write_floor(lessons)
    workers = os.cpu_count() or 1
    # Suite and floor alternate, REPEATS times each, so that a busy moment of the machine hits both alike.
    pairs = [(run_suite(lessons, "auto"), run_suite(floor, "auto")) for _ in range(REPEATS)]
    suite_auto = statistics.median(suite for suite, _ in pairs)
    floor_auto = statistics.median(floor_time for _, floor_time in pairs)
    ratio = statistics.median(suite / floor_time for suite, floor_time in pairs)
    suite_one = run_suite(lessons, 1)
    rows = [
        (f"notebook suite, {len(lessons)} notebooks, -n auto (median of {REPEATS})", f"{suite_auto:.1f} s"),
        (f"floor, {len(floor)} notebooks of as many cells, -n auto (median of {REPEATS})", f"{floor_auto:.1f} s"),
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
