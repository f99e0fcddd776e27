"""A learner rewords the first prompt of a lesson (a string literal in the first cell that holds one), in a real
kernel per lesson (tests/learner.py):

* under strict replay (as make test runs), the cell that sends it stops with ReplayMissError, whose message shows
  the changed field, recorded -> sent, and the URL sent and the closest recorded one, with their query strings;
* in replay as a learner has it (NOTEBOOK_REPLAY_STRICT=0, set in the same kernel before the kit cell runs again),
  the whole lesson runs to its end on stand-ins, no cell raises but those tagged raises-exception, and the cell
  that sent the reworded prompt says it got a stand-in.
"""

import json
import re

import pytest
from learner import LESSONS, NOTEBOOKS, Kernel, code_cells, reworded

from helpers import standins

# Lessons that never print the answer to their first prompt, so the stand-in's text is not on screen either.
TEXT_NOT_SHOWN = {
    "04_embeddings": "the answer is vectors",
    "06_errors_and_logging": "the cell sends a wrong key on purpose and prints only the error it expects",
}


@pytest.fixture(scope="module", params=LESSONS)
def lesson(request):
    """Strict replay up to the first cell that fails, then the whole lesson again non-strict, in one kernel."""
    name = request.param
    cells, edited, old, new = reworded(code_cells(NOTEBOOKS / f"{name}.ipynb"))
    with Kernel(strict=True) as kernel:
        strict = []
        for source, _, _ in cells:
            strict.append(kernel.run(source))
            if strict[-1].raised:
                break
        kernel.quietly("__import__('os').environ['NOTEBOOK_REPLAY_STRICT'] = '0'")
        relaxed = [kernel.run(source) for source, _, _ in cells]
    yield name, cells, edited, old, new, strict, relaxed


def first_caller(runs):
    return next(number for number, run in enumerate(runs) if run.served)


def test_the_reworded_prompt_is_in_the_lessons_first_model_calling_cell_or_feeds_it(lesson):
    name, _, edited, _, _, _, relaxed = lesson
    caller = first_caller(relaxed)
    assert edited <= caller and not any(run.served for run in relaxed[:edited]), \
        f"{name}: the reworded prompt (code cell {edited}) comes after the first model call (code cell {caller})"


def test_under_strict_replay_the_reworded_prompt_is_a_miss_showing_the_change_and_both_urls(lesson):
    name, _, _, old, new, strict, relaxed = lesson
    caller = first_caller(relaxed)
    assert len(strict) == caller + 1 and strict[caller].raised, f"{name}: strict replay did not stop at code cell " \
                                                                f"{caller}, the one that sent the reworded prompt"
    message = strict[caller].text
    assert "ReplayMissError" in message
    assert re.search(rf"  body \$[.\w\[\]]*: {re.escape(json.dumps(old))} -> {re.escape(json.dumps(new))}\n",
                     message), f"{name}: the miss does not show the reworded prompt, recorded -> sent:\n{message}"
    _, method, url = relaxed[caller].served[0]
    assert f"  sent:     {method} {url}\n" in message
    assert f"  closest:  {method} {url}\n" in message, "only the body changed, so the closest has the same URL"


def test_non_strict_the_lesson_runs_to_its_end_and_the_reworded_call_says_it_got_a_stand_in(lesson):
    name, cells, _, _, _, _, relaxed = lesson
    raised = [f"code cell {number} raised {run.ename}: {run.evalue}"
              for number, ((_, tags, _), run) in enumerate(zip(cells, relaxed, strict=True))
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
