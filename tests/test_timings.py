"""The instructor guide's timing table and agendas are what `python -m tools.timings` computes from the notebooks."""

import dataclasses

from tools import timings


def test_the_instructor_guide_holds_the_timings_the_notebooks_give_now():
    text = timings.GUIDE.read_text(encoding="utf-8")
    assert timings.written(text) == text, "docs/instructor.md is out of date: run `python -m tools.timings --write`"


def test_a_lesson_that_grows_changes_the_guide():
    text = timings.GUIDE.read_text(encoding="utf-8")
    found = timings.lessons()
    grown = [dataclasses.replace(found[0], words=found[0].words + 2000), *found[1:]]
    assert timings.written(text, grown) != text
    assert f"| {found[0].stem} | {found[0].code_cells} | {found[0].words + 2000} |" in timings.written(text, grown)


def test_the_table_gives_each_lesson_the_time_the_lesson_states_at_its_top():
    import nbformat

    from helpers.paths import NOTEBOOKS
    from tools.lesson_time import estimate

    for lesson in timings.lessons():
        notebook = nbformat.read(NOTEBOOKS / f"{lesson.stem}.ipynb", as_version=4)
        assert (lesson.minutes, lesson.with_exercises) == (estimate(notebook, 0), estimate(notebook, lesson.exercises))
        assert f"**Time:** about {lesson.with_exercises} minutes" in notebook.cells[0].source


def test_an_agenda_breaks_after_80_minutes_takes_lunch_after_noon_and_ends_on_a_lesson():
    long = [timings.Lesson(f"{n:02d}_topic", code_cells=20, words=8000, exercises=0, minutes=50, with_exercises=50)
            for n in range(6)]
    rows = timings.agenda("Day", [item.stem for item in long], long).splitlines()
    what = [row.split(" | ")[1].removesuffix(" |") for row in rows[4:]]
    assert what == ["00_topic, with its exercises (50 min)", "01_topic, with its exercises (50 min)", "break",
                    "02_topic, with its exercises (50 min)", "03_topic, with its exercises (50 min)", "lunch",
                    "04_topic, with its exercises (50 min)", "05_topic, with its exercises (50 min)", "end"]
    assert rows[-1] == "| 15:15 | end |"
