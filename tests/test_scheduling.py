"""make test's units of work and their order (tools/scheduling.py), on pytest-xdist's own scheduler code: each lesson
of the learner tests is its own unit, a notebook's cells stay in one unit in order, and the longest units go first."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers.paths import ROOT
from tests.support.learner import LESSONS
from tools import scheduling

LEARNER = "tests/test_replay_for_learners.py"
LONGEST = "08_migrate_inference_to_openai_v1"


class Worker:
    """What the scheduler sees of a pytest-xdist worker: the batches of test indices it is sent, run in order."""

    def __init__(self, name):
        self.gateway = SimpleNamespace(id=name)
        self.batches, self.waiting, self.shutting_down = [], [], False

    def send_runtest_some(self, indices):
        self.batches.append(indices)
        self.waiting += indices

    def shutdown(self):
        self.shutting_down = True


def collection():
    learner = [f"{LEARNER}::test_{check}[{lesson}]" for check in ("one", "two") for lesson in ("02_chat", LONGEST)]
    many = [f"tests/test_many.py::test_{number}" for number in range(30)]
    cells = [f"notebooks/02_chat.ipynb::Cell {number}" for number in range(12)]
    return [*many, *cells, *learner, "tests/test_any_checkout.py::test_clone"]


@pytest.fixture
def scheduled(request, monkeypatch):
    """Each worker's batches, as test ids, when two workers take turns finishing one test each until all are run."""
    monkeypatch.setattr(request.config.option, "tx", ["2*popen"])  # what `-n 2` sets
    schedule = scheduling.Scheduling(request.config)
    workers = [Worker("gw0"), Worker("gw1")]
    for worker in workers:
        schedule.add_node(worker)
        schedule.add_node_collection(worker, collection())
    schedule.schedule()
    while any(worker.waiting for worker in workers):
        for worker in workers:
            if worker.waiting:
                schedule.mark_test_complete(worker, worker.waiting.pop(0))
    assert schedule.tests_finished
    return [[[collection()[index] for index in batch] for batch in worker.batches] for worker in workers]


def test_each_lesson_of_the_learner_tests_is_one_unit_and_the_longest_goes_out_first(scheduled):
    assert scheduled[0][0] == [f"{LEARNER}::test_one[{LONGEST}]", f"{LEARNER}::test_two[{LONGEST}]"]
    assert scheduled[1][0] == [f"{LEARNER}::test_one[02_chat]", f"{LEARNER}::test_two[02_chat]"]


def test_a_notebooks_cells_stay_together_and_in_order_and_listed_files_go_before_the_rest(scheduled):
    assert ["tests/test_any_checkout.py::test_clone"] in [batches[1] for batches in scheduled]
    batches = [batch for batches in scheduled for batch in batches]
    assert [f"notebooks/02_chat.ipynb::Cell {number}" for number in range(12)] in batches
    assert sorted(test for batch in batches for test in batch) == sorted(collection()), "each test exactly once"


def test_every_listed_unit_names_a_test_file_or_one_of_its_lessons():
    for name in scheduling.LONGEST_FIRST + scheduling.BY_LESSON:
        path, _, lesson = name.partition("[")
        assert (ROOT / Path(path)).is_file(), f"tools/scheduling.py names {path}, which does not exist"
        assert not lesson or lesson.rstrip("]") in LESSONS, f"tools/scheduling.py names no lesson in {name}"


def test_two_workers_per_core_unless_pytest_xdists_variable_says_how_many():
    assert scheduling.workers({}, cores=2) == 4
    assert scheduling.workers({"PYTEST_XDIST_AUTO_NUM_WORKERS": "3"}, cores=2) is None
