"""make bench-room N=4: N learners at once, each a kernel running one lesson in replay, as a JupyterHub room does.

It reports, per learner, the kernel's peak memory (PSS: its share of pages shared with other kernels, so N of them add
up to what the room uses) and the CPU time the lesson cost, and for the room the slowest cell any learner waited for.

    python -m tools.bench_room [-n N] [NN_topic]
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime

import nbformat
import psutil
from nbclient import NotebookClient

from tools.run_notebooks import NOTEBOOKS

DEFAULT_LESSON = "08_migrate_inference_to_openai_v1"  # the lesson with the most SDK work per cell
SAMPLE_EVERY = 0.2  # seconds between two looks at the kernels' memory


def cell_seconds(cell):
    """How long a learner waited for a cell: from the kernel taking it to its reply (nbclient's record_timing)."""
    timing = cell.metadata.get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not (start and end):
        return 0.0
    return (datetime.fromisoformat(end.replace("Z", "+00:00")) - datetime.fromisoformat(start.replace("Z", "+00:00"))
            ).total_seconds()


def learner(path, results, index):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", record_timing=True,
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    try:
        client.execute(env={**os.environ, "NOTEBOOK_MODE": "replay"}, stderr=subprocess.DEVNULL)
        results[index] = {"wall": time.perf_counter() - started,
                          "slowest": max(cell_seconds(c) for c in notebook.cells if c.cell_type == "code")}
    except Exception as error:  # noqa: BLE001 (reported as the learner's failure in the summary)
        results[index] = {"error": f"{type(error).__name__}: {str(error).strip().splitlines()[-1:]}"}


def memory(process):
    try:
        info = process.memory_full_info()
        return getattr(info, "pss", info.rss)
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return None


def watch(peaks, cpu, running):
    """Sample every kernel this process started: peak memory and CPU seconds, per process id."""
    me = psutil.Process()
    while running.is_set():
        for child in me.children(recursive=True):
            used = memory(child)
            if used is None:
                continue
            peaks[child.pid] = max(peaks.get(child.pid, 0), used)
            try:
                times = child.cpu_times()
                cpu[child.pid] = times.user + times.system
            except psutil.NoSuchProcess:
                pass
        time.sleep(SAMPLE_EVERY)


def measure(lesson, learners):
    """Run the room; return one row per learner and the samples."""
    path = NOTEBOOKS / f"{lesson}.ipynb"
    if not path.is_file():
        sys.exit(f"No lesson is called {lesson}: give a notebook stem such as {DEFAULT_LESSON}.")
    results, peaks, cpu, running = [None] * learners, {}, {}, threading.Event()
    running.set()
    watcher = threading.Thread(target=watch, args=(peaks, cpu, running), daemon=True)
    watcher.start()
    started = time.perf_counter()
    threads = [threading.Thread(target=learner, args=(path, results, i)) for i in range(learners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    running.clear()
    watcher.join()
    return results, peaks, cpu, time.perf_counter() - started


def report(lesson, learners, results, peaks, cpu, elapsed):
    failed = [r["error"] for r in results if "error" in r]
    if failed:
        sys.exit(f"{len(failed)} of {learners} learners failed: {failed[0]}")
    kernels = sorted(peaks.values(), reverse=True)[:learners]  # the kernels, not the brief helper processes
    mib = [used / 2**20 for used in kernels]
    cpu_seconds = sorted(cpu.values(), reverse=True)[:learners]
    rows = [
        ("lesson, learners at once", f"{lesson}, {learners}"),
        ("cores on this machine", f"{os.cpu_count()}"),
        ("peak memory per learner's kernel (PSS), median / max", f"{statistics.median(mib):.0f} / {max(mib):.0f} MiB"),
        ("CPU time per learner for the whole lesson, median", f"{statistics.median(cpu_seconds):.1f} s"),
        ("slowest cell any learner waited for", f"{max(r['slowest'] for r in results):.2f} s"),
        ("whole lesson per learner, median / max", f"{statistics.median(r['wall'] for r in results):.1f} / "
                                                   f"{max(r['wall'] for r in results):.1f} s"),
        ("whole room, start to finish", f"{elapsed:.1f} s"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lesson", nargs="?", default=DEFAULT_LESSON, help=f"a lesson's stem (default {DEFAULT_LESSON})")
    parser.add_argument("-n", "--learners", type=int, default=4, help="kernels running the lesson at once")
    args = parser.parse_args(argv)
    if args.learners < 1:
        sys.exit("-n must be 1 or more learners.")
    print(report(args.lesson, args.learners, *measure(args.lesson, args.learners)))


if __name__ == "__main__":
    main()
