"""Replay a learner can learn with, in one real kernel per lesson (tests/support/learner.py), driven as a learner drives
it:

1. The learner rewords the lesson's first prompt (a string literal in the first cell that holds one):
   * under strict replay (as make test runs), the cell that sends it stops with ReplayMissError, whose message shows
     the changed field, recorded -> sent, and the URL sent and the closest recorded one, with their query strings;
   * in replay as a learner has it (NOTEBOOK_REPLAY_STRICT=0, set in the same kernel before the kit cell runs
     again), the whole lesson runs to its end on stand-ins, no cell raises but those tagged raises-exception, and
     the cell that sent the reworded prompt says it got a stand-in.
2. Then runs the lesson as written, top to bottom again in the same kernel: every cell that calls the model (it was
   served an answer), run twice in a row, shows the same output both times, and the stored one; every cell after
   it still shows its stored output, so neither the reworded run nor a repeat shifts later answers.
3. Then types each exercise's solution into that same kernel: they run on recorded answers, as the lesson's replay
   holds its solutions' cassette as the exercises' answers, so no solution cell gets a stand-in (but one that shows
   strict replay's miss on purpose), and none raises unless it is tagged raises-exception.
4. Then runs every code cell of the lesson, and then of its solutions notebook, twice in a row, as a learner who
   presses Shift+Enter twice: no run raises unless the cell is tagged raises-exception (it shows that error on purpose).

Each lesson is its own unit of work for pytest-xdist (conftest.py), so the lessons' kernels run side by side.
"""

import json
import re

import pytest

from helpers import standins
from tests.support.learner import LESSONS, NOTEBOOKS, Kernel, code_cells, comparable, reworded

# Lessons that never print the answer to their first prompt, so the stand-in's text is not on screen either.
TEXT_NOT_SHOWN = {
    "04_embeddings": "the answer is vectors",
    "06_errors_and_logging": "the cell sends a wrong key on purpose and prints only the error it expects",
}


class Cell:
    def __init__(self, number, source, tags, stored, first, second):
        self.number, self.source, self.tags, self.stored = number, source, tags, stored
        self.first, self.second = first, second


class Journey:
    """What each step showed: the reworded lesson strict (up to the cell that failed) and non-strict, the lesson as
    written with its model calls twice, and each solution cell as (tags, stored outputs, run)."""

    def __init__(self, name):
        self.name = name
        lesson = code_cells(NOTEBOOKS / f"{name}.ipynb")
        self.edited_cells, self.edited, self.old, self.new = reworded(lesson)
        with Kernel(strict=True) as kernel:
            self.strict = []
            for source, _, _ in self.edited_cells:
                self.strict.append(kernel.run(source))
                if self.strict[-1].raised:
                    break
            kernel.quietly("__import__('os').environ['NOTEBOOK_REPLAY_STRICT'] = '0'")
            self.relaxed = [kernel.run(source) for source, _, _ in self.edited_cells]
            self.cells = []
            for number, (source, tags, stored) in enumerate(lesson):
                first = kernel.run(source)
                second = kernel.run(source) if first.standins else None
                self.cells.append(Cell(number, source, tags, stored, first, second))
            kernel.quietly(f"__import__('os').chdir({str(NOTEBOOKS / 'solutions')!r})")  # where solutions' paths start
            self.solutions = [(tags, stored, kernel.run(source))
                              for source, tags, stored in code_cells(NOTEBOOKS / "solutions" / f"{name}.ipynb")[1:]]
            self.twice = []  # (notebook, code cell number, tags, first run, second run)
            for notebook in (NOTEBOOKS / f"{name}.ipynb", NOTEBOOKS / "solutions" / f"{name}.ipynb"):
                kernel.quietly(f"__import__('os').chdir({str(notebook.parent)!r})")
                for number, (source, tags, _) in enumerate(code_cells(notebook)):
                    self.twice.append((notebook.relative_to(NOTEBOOKS).as_posix(), number, tags, kernel.run(source),
                                       kernel.run(source)))


def shows_a_replay_miss(outputs):
    """True for a cell whose stored output is strict replay's miss: it sends what was never recorded on purpose."""
    return any(output.get("ename") == "ReplayMissError" for output in outputs)


def first_caller(runs):
    return next(number for number, run in enumerate(runs) if run.served)


@pytest.fixture(scope="module", params=LESSONS)
def journey(request):
    return Journey(request.param)


def test_the_reworded_prompt_is_in_the_lessons_first_model_calling_cell_or_feeds_it(journey):
    caller = first_caller(journey.relaxed)
    assert journey.edited <= caller and not any(run.served for run in journey.relaxed[:journey.edited]), \
        f"{journey.name}: the reworded prompt (code cell {journey.edited}) comes after the first model call " \
        f"(code cell {caller})"


def test_under_strict_replay_the_reworded_prompt_is_a_miss_showing_the_change_and_both_urls(journey):
    name, strict, relaxed = journey.name, journey.strict, journey.relaxed
    caller = first_caller(relaxed)
    assert len(strict) == caller + 1 and strict[caller].raised, f"{name}: strict replay did not stop at code cell " \
                                                                f"{caller}, the one that sent the reworded prompt"
    message = strict[caller].text
    assert "ReplayMissError" in message
    change = f"{re.escape(json.dumps(journey.old))} -> {re.escape(json.dumps(journey.new))}"
    assert re.search(rf"  body \$[.\w\[\]]*: {change}\n", message), \
        f"{name}: the miss does not show the reworded prompt, recorded -> sent:\n{message}"
    _, method, url = relaxed[caller].served[0]
    assert f"  sent:     {method} {url}\n" in message
    assert f"  closest:  {method} {url}\n" in message, "only the body changed, so the closest has the same URL"


def test_non_strict_the_lesson_runs_to_its_end_and_the_reworded_call_says_it_got_a_stand_in(journey):
    name, relaxed = journey.name, journey.relaxed
    raised = [f"code cell {number} raised {run.ename}: {run.evalue}"
              for number, ((_, tags, _), run) in enumerate(zip(journey.edited_cells, relaxed, strict=True))
              if run.raised and "raises-exception" not in tags]
    assert not raised, f"{name}:\n" + "\n".join(raised)
    number = first_caller(relaxed)
    caller = relaxed[number]
    count = sum(caller.standins)
    assert count, f"{name}: the reworded prompt got a recorded answer"
    assert standins.NOTICE.format(count=count) + "\n" in caller.text
    shown = "\n".join(run.text for run in relaxed[number:])
    assert (standins.TEXT in shown) == (name not in TEXT_NOT_SHOWN), \
        f"{name}: the stand-in's text is not shown where the lesson shows the answer"


def test_a_model_calling_cell_run_twice_shows_the_same_output_both_times(journey):
    repeated = [cell for cell in journey.cells if cell.second is not None]
    assert repeated, f"{journey.name}: no cell was served an answer, so nothing was run twice"
    for cell in repeated:
        assert comparable(cell.second.outputs) == comparable(cell.first.outputs), \
            f"{journey.name} code cell {cell.number} showed something else when run again:\n{cell.source}"
        assert not any(cell.first.standins + cell.second.standins), \
            f"{journey.name} code cell {cell.number}: a stand-in where the recording has the answer"


def test_every_cell_shows_its_stored_output_although_model_calls_ran_twice(journey):
    for cell in journey.cells[1:]:  # the kit cell's banner says "non-strict" here, and strict under nbval
        assert cell.first.raised == ("raises-exception" in cell.tags), \
            f"{journey.name} code cell {cell.number} raised {cell.first.ename}: {cell.first.evalue}"
        assert comparable(cell.first.outputs) == comparable(cell.stored), \
            f"{journey.name} code cell {cell.number} does not show its stored output:\n{cell.source}"


def test_every_code_cell_of_the_lesson_and_its_solutions_runs_twice_in_a_row(journey):
    problems = [f"{where} code cell {number}, run {turn}: {run.ename}: {run.evalue}"
                for where, number, tags, *runs in journey.twice for turn, run in enumerate(runs, start=1)
                if run.raised and "raises-exception" not in tags]
    assert not problems, f"{journey.name}:\n" + "\n".join(problems)


def test_each_solution_typed_into_the_lessons_kernel_runs_on_recorded_answers(journey):
    problems = []
    for number, (tags, stored, run) in enumerate(journey.solutions, start=1):
        if run.raised and "raises-exception" not in tags:
            problems.append(f"solution code cell {number} raised {run.ename}: {run.evalue}")
        if any(run.standins) and not shows_a_replay_miss(stored):
            problems.append(f"solution code cell {number} got {sum(run.standins)} stand-in(s): its answer is "
                            f"missing from notebooks/recordings/solutions/{journey.name}.yaml")
    assert not problems, f"{journey.name}:\n" + "\n".join(problems)


# Troubleshooting cells that send a lesson's request with the wrong credential: (lesson, text in the cell) -> what a
# learner would have typed for the cell to run first (its imports and names).
WRONG_CREDENTIAL = {
    ("03_streaming", "wrong: the key of another endpoint"):
        "import os\nfrom azure.core.credentials import AzureKeyCredential\n"
        "from azure.ai.inference.models import SystemMessage, UserMessage",
    ("01_auth", 'DefaultAzureCredential(exclude_interactive_browser_credential=False),\n    api_version="2024-06-01",'):
        "import os\nfrom azure.ai.inference import ChatCompletionsClient\nfrom azure.ai.inference.models import "
        "UserMessage\nfrom azure.identity import DefaultAzureCredential\n"
        "endpoint = os.environ['AZURE_OPENAI_CHAT_ENDPOINT']",
}


@pytest.mark.parametrize(("lesson", "text"), WRONG_CREDENTIAL, ids=[lesson for lesson, _ in WRONG_CREDENTIAL])
def test_a_wrong_credential_cell_run_first_gets_the_services_401_and_the_lesson_after_it_its_answers(lesson, text):
    """03's troubleshooting cell sends the serverless endpoint's key to the Azure OpenAI deployment, and 01's an Entra
    ID token for https://ml.azure.com: each the same request a step of the lesson sends with the right credential.
    Run first, out of order, each gets its recorded 401, not the answer recorded for the right credential; the lesson
    run after it still shows every stored output."""
    cells = code_cells(NOTEBOOKS / f"{lesson}.ipynb")
    [wrong] = [number for number, (source, _, _) in enumerate(cells) if text in source]
    with Kernel() as kernel:
        kernel.run(cells[0][0])
        kernel.run(WRONG_CREDENTIAL[lesson, text])
        first = kernel.run(cells[wrong][0])
        assert comparable(first.outputs) == comparable(cells[wrong][2]) and not any(first.standins), first.text
        for number, (source, tags, stored) in enumerate(cells[1:], start=1):
            run = kernel.run(source)
            assert run.raised == ("raises-exception" in tags), f"code cell {number} raised {run.ename}: {run.evalue}"
            assert comparable(run.outputs) == comparable(stored), f"code cell {number}:\n{run.text}"
