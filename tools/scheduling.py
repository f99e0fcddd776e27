"""How `make test` spreads the suite over pytest-xdist workers (used by the root conftest.py).

* Workers: two per core. About half of the suite's time is spent waiting, not computing: on notebook kernels, on
  subprocesses, on paced streams and on the Retry-After waits the SDKs honour in replay, so one worker per core
  leaves the cores idle a third of the time. PYTEST_XDIST_AUTO_NUM_WORKERS still wins, as in pytest-xdist.
* Units of work: a test file, as `--dist loadfile` has them (nbval runs a notebook's cells in order in one kernel),
  but a file in BY_LESSON gives one unit per lesson, so its lessons' kernels run side by side.
* Order: the units listed in LONGEST_FIRST go out first, so that no worker picks up a long unit at the end while the
  others sit idle; the rest go out as pytest-xdist orders them, most tests first.
"""

import os

from xdist.scheduler import LoadFileScheduling

BY_LESSON = ("tests/test_replay_for_learners.py", "tests/test_exercises.py", "tests/test_learner_settings.py",
             "tests/test_exercises_live.py")
LONGEST_FIRST = (
    "tests/test_learner_settings.py",  # every lesson and solution live (each cell twice), and every lesson keyless
    "tests/test_replay_for_learners.py[08_migrate_inference_to_openai_v1]",  # 4 s of Retry-After waits per run
    "tests/test_replay_for_learners.py",
    "tests/test_exercises.py",
    "tests/test_safe_recording.py",
    "tests/test_record_what_you_reach.py",
    "tests/test_exercises_live.py",
    "tests/test_any_checkout.py",
    "tests/test_handouts.py",
    "tests/test_run_command.py",
    "tests/test_live.py",
    "tests/test_migrate_corpora.py",  # two corpora fixed, then run in a subprocess each
    "tests/test_saved_notebook.py",
    "notebooks/08_migrate_inference_to_openai_v1.ipynb",
    "tests/test_secrets.py",
    "tests/test_hermetic_replay.py",
    "tests/test_bench.py",
    "tests/test_async_load.py",
    "tests/test_kit_cell_in_a_kernel.py",
)


def workers(environ=os.environ, cores=None):
    """The number of workers for `-n auto`, or None to leave it to pytest-xdist's variable."""
    if environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return 2 * cores


def unit(nodeid):
    """The unit of work a test belongs to: its file, or its file and lesson for a file in BY_LESSON."""
    path = nodeid.split("::", 1)[0]
    if path in BY_LESSON and nodeid.endswith("]"):
        return path + nodeid[nodeid.rindex("["):]
    return path


def rank(work_unit):
    """Where a unit goes out: its place in LONGEST_FIRST (a file's entry covers its lessons), or after them all."""
    for place, name in enumerate(LONGEST_FIRST):
        if work_unit == name or work_unit.startswith(name + "["):
            return place
    return len(LONGEST_FIRST)


class Scheduling(LoadFileScheduling):
    def _split_scope(self, nodeid):
        return unit(nodeid)

    def _assign_work_unit(self, node):
        self.workqueue.move_to_end(min(self.workqueue, key=rank), last=False)
        super()._assign_work_unit(node)
