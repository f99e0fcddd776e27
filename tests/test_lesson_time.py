"""Each lesson's "**Time:**" line is what docs/instructor.md's rule gives for the lesson as it is now
(tools/lesson_time.py)."""

import nbformat
import pytest

from tools import lesson_time


def notebook(words, code_cells):
    cells = [nbformat.v4.new_markdown_cell(" ".join(["word"] * words))]
    return nbformat.v4.new_notebook(cells=cells + [nbformat.v4.new_code_cell("1") for _ in range(code_cells)])


def test_prose_at_200_words_a_minute_and_half_a_minute_a_code_cell_round_to_5_before_5_minutes_an_exercise():
    assert lesson_time.estimate(notebook(words=2000, code_cells=20), exercises=0) == 20
    assert lesson_time.estimate(notebook(words=1500, code_cells=11), exercises=0) == 15  # 13 minutes of reading
    assert lesson_time.estimate(notebook(words=1500, code_cells=11), exercises=3) == 30
    assert lesson_time.estimate(notebook(words=10, code_cells=1), exercises=0) == 5


@pytest.mark.parametrize("lesson", lesson_time.lessons())
def test_each_lesson_states_its_computed_time_at_its_top(lesson):
    fix = f"run: python -m tools.lesson_time --write {lesson}"
    assert lesson_time.stated(lesson) == lesson_time.time_line(lesson), fix


def test_an_unknown_lesson_gets_one_line_naming_it_and_the_lessons():
    with pytest.raises(SystemExit) as stop:
        lesson_time.main(["02_chatt"])
    assert str(stop.value).startswith("No lesson is called 02_chatt. Lessons: 00_setup, 01_auth, ")
