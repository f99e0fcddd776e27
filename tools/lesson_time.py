"""How long a lesson takes a learner, by docs/instructor.md's rule, computed from the notebook itself: its prose at
200 words a minute plus half a minute per code cell, rounded to 5 minutes, plus 5 minutes per exercise. Each lesson
states the result at its top as "**Time:** about N minutes", and tests/test_lesson_time.py keeps that line true.

    python -m tools.lesson_time [NN_topic ...]            # print each lesson's line
    python -m tools.lesson_time --write [NN_topic ...]    # put it in the lesson's first markdown cell
"""

import re
import sys

import nbformat
import yaml

from helpers.paths import NOTEBOOKS

WORDS_PER_MINUTE = 200
MINUTES_PER_CODE_CELL = 0.5
MINUTES_PER_EXERCISE = 5
TIME_LINE = re.compile(r"^\*\*Time:\*\* about \d+ minutes$", re.MULTILINE)


def estimate(notebook, exercises):
    """Minutes for a notebook (an nbformat node) with this many exercises (pure)."""
    words = sum(len(cell.source.split()) for cell in notebook.cells if cell.cell_type == "markdown")
    code = sum(cell.cell_type == "code" for cell in notebook.cells)
    reading = words / WORDS_PER_MINUTE + code * MINUTES_PER_CODE_CELL
    return max(5, 5 * round(reading / 5)) + exercises * MINUTES_PER_EXERCISE


def lessons():
    return sorted(path.stem for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def read(lesson):
    return nbformat.read(NOTEBOOKS / f"{lesson}.ipynb", as_version=4)


def exercise_count(lesson):
    checks = NOTEBOOKS / "solutions" / f"{lesson}.checks.yaml"
    return len(yaml.safe_load(checks.read_text(encoding="utf-8"))) if checks.exists() else 0


def time_line(lesson):
    return f"**Time:** about {estimate(read(lesson), exercise_count(lesson))} minutes"


def stated(lesson):
    """The lesson's own line, from its first markdown cell, or None."""
    first = next(cell for cell in read(lesson).cells if cell.cell_type == "markdown")
    found = TIME_LINE.search(first.source)
    return found.group(0) if found else None


def write(lesson):
    """Puts the computed line in the first markdown cell, under the title; the line's own words count, so it settles."""
    for _ in range(3):
        notebook, line = read(lesson), time_line(lesson)
        first = next(cell for cell in notebook.cells if cell.cell_type == "markdown")
        if TIME_LINE.search(first.source):
            first.source = TIME_LINE.sub(line, first.source)
        else:
            title, _, rest = first.source.partition("\n")
            first.source = f"{title}\n\n{line}\n{rest}" if rest.startswith("\n") else f"{title}\n\n{line}\n\n{rest}"
        nbformat.write(notebook, NOTEBOOKS / f"{lesson}.ipynb")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    writing = "--write" in argv
    named = [name for name in argv if name != "--write"]
    unknown = sorted(set(named) - set(lessons()))
    if unknown:
        sys.exit(f"No lesson is called {', '.join(unknown)}. Lessons: {', '.join(lessons())}.")
    for lesson in named or lessons():
        if writing:
            write(lesson)
        print(f"{lesson}: {time_line(lesson)}")


if __name__ == "__main__":
    main()
