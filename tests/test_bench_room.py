"""make bench-room, quickly: two learners' kernels run a lesson in replay at once, and the report gives each learner's
memory, the CPU time the lesson cost and the slowest cell any learner waited for."""

import os
import re
import subprocess
import sys

from helpers.cassettes import ROOT


def bench_room(*arguments):
    return subprocess.run([sys.executable, "-m", "tools.bench_room", *arguments], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False, env={**os.environ, "NOTEBOOK_MODE": "replay"})


def test_two_learners_at_once_report_memory_per_learner_and_the_slowest_cell():
    result = bench_room("-n", "2", "04_embeddings")
    assert result.returncode == 0, result.stderr[-2000:]
    report = dict(re.split(r"\s{2,}", line, maxsplit=1) for line in result.stdout.splitlines())
    assert report["lesson, learners at once"] == "04_embeddings, 2"
    median, peak = map(int, re.fullmatch(r"(\d+) / (\d+) MiB", report[
        "peak memory per learner's kernel (PSS), median / max"]).groups())
    assert 30 < median <= peak < 2000  # a Python kernel with the SDKs imported, not a helper process
    slowest = float(report["slowest cell any learner waited for"].removesuffix(" s"))
    whole = float(report["whole lesson per learner, median / max"].split(" / ")[1].removesuffix(" s"))
    assert 0 < slowest < whole


def test_a_misspelt_lesson_stops_before_any_kernel_starts():
    result = bench_room("-n", "1", "04-embeddings")
    assert result.returncode == 1
    assert result.stderr.strip() == ("No lesson is called 04-embeddings: give a notebook stem such as "
                                     "08_migrate_inference_to_openai_v1.")
