"""Replay a learner can learn with, in a real kernel per lesson (tests/learner.py), non-strict as a learner runs it:

* every cell that calls the model (it was served an answer), run twice in a row, shows the same output both times,
  and the stored one; every cell after it still shows its stored output, so a repeat never shifts later answers;
* then each exercise's solution, typed into that same kernel, runs on recorded answers: the lesson's replay holds
  its solutions' cassette as the exercises' answers, so no solution cell gets a stand-in (but one that shows strict
  replay's miss on purpose), and none raises unless it is tagged raises-exception.
"""

import pytest
from learner import LESSONS, NOTEBOOKS, Kernel, code_cells, comparable

# Cells whose second run differs because the first changed the kernel's state, not because of replay:
# (lesson, text in the cell) -> why.
CHANGE_STATE = {
    ("01_auth", "await client.close()"): "closes the async client, so a second call is refused by azure-core",
    ("03_streaming", 'print(update.choices[0].delta.content or "", end="")\n\nclient.close()'):
        "closes the client after streaming, so a second call is refused by azure-core",
    ("09_migrate_legacy_completions", 'del os.environ["NOTEBOOK_REPLAY_TOKEN_LIFETIME"]'):
        "deletes the variable it set in the cell before, so a second run raises KeyError",
}


class Cell:
    def __init__(self, number, source, tags, stored, first, second):
        self.number, self.source, self.tags, self.stored = number, source, tags, stored
        self.first, self.second = first, second

    @property
    def calls_the_model(self):
        return bool(self.first.standins)


def shows_a_replay_miss(outputs):
    """True for a cell whose stored output is strict replay's miss: it sends what was never recorded on purpose."""
    return any(output.get("ename") == "ReplayMissError" for output in outputs)


def changes_state(lesson, source):
    return any(name == lesson and text in source for name, text in CHANGE_STATE)


@pytest.fixture(scope="module", params=LESSONS)
def lesson(request):
    """The lesson run top to bottom in one kernel, each model-calling cell twice in a row (but CHANGE_STATE's)."""
    name = request.param
    with Kernel() as kernel:
        cells = []
        for number, (source, tags, stored) in enumerate(code_cells(NOTEBOOKS / f"{name}.ipynb")):
            first = kernel.run(source)
            second = kernel.run(source) if first.standins and not changes_state(name, source) else None
            cells.append(Cell(number, source, tags, stored, first, second))
        yield name, kernel, cells


def test_a_model_calling_cell_run_twice_shows_the_same_output_both_times(lesson):
    name, _, cells = lesson
    repeated = [cell for cell in cells if cell.second is not None]
    assert repeated, f"{name}: no cell was served an answer, so nothing was run twice"
    for cell in repeated:
        assert comparable(cell.second.outputs) == comparable(cell.first.outputs), \
            f"{name} code cell {cell.number} showed something else when run again:\n{cell.source}"
        assert not any(cell.first.standins + cell.second.standins), \
            f"{name} code cell {cell.number}: a stand-in where the recording has the answer"


def test_every_cell_shows_its_stored_output_although_model_calls_ran_twice(lesson):
    name, _, cells = lesson
    for cell in cells[1:]:  # the kit cell's banner says "non-strict" here, and strict under nbval
        assert cell.first.raised == ("raises-exception" in cell.tags), \
            f"{name} code cell {cell.number} raised {cell.first.ename}: {cell.first.evalue}"
        assert comparable(cell.first.outputs) == comparable(cell.stored), \
            f"{name} code cell {cell.number} does not show its stored output:\n{cell.source}"


def test_every_listed_state_changing_cell_exists_and_calls_the_model(lesson):
    name, _, cells = lesson
    for lesson_name, text in CHANGE_STATE:
        if lesson_name == name:
            found = [cell for cell in cells if text in cell.source]
            assert len(found) == 1 and found[0].calls_the_model, f"{name}: CHANGE_STATE names no single cell {text!r}"


def test_each_solution_typed_into_the_lessons_kernel_runs_on_recorded_answers(lesson):
    name, kernel, _ = lesson
    kernel.quietly(f"__import__('os').chdir({str(NOTEBOOKS / 'solutions')!r})")  # where solutions' paths start
    problems = []
    for number, (source, tags, stored) in enumerate(code_cells(NOTEBOOKS / "solutions" / f"{name}.ipynb")[1:],
                                                    start=1):
        run = kernel.run(source)
        if run.raised and "raises-exception" not in tags:
            problems.append(f"solution code cell {number} raised {run.ename}: {run.evalue}")
        if any(run.standins) and not shows_a_replay_miss(stored):
            problems.append(f"solution code cell {number} got {sum(run.standins)} stand-in(s): its answer is "
                            f"missing from notebooks/recordings/solutions/{name}.yaml")
    assert not problems, f"{name}:\n" + "\n".join(problems)
