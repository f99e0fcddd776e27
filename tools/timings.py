"""python -m tools.timings: the instructor guide's timing table and agendas, computed from the notebooks.

    python -m tools.timings           print them
    python -m tools.timings --write   put them into docs/instructor.md, between the markers there

Learner time is an estimate, not a measurement: the prose read at 200 words a minute plus half a minute per code cell,
rounded up to 5 minutes; each exercise adds 5 minutes. tests/test_timings.py keeps docs/instructor.md in step.
"""

import argparse
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import nbformat

from tools.lesson_time import estimate

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "instructor.md"
BEGIN, END = "<!-- timings: begin (python -m tools.timings --write) -->", "<!-- timings: end -->"
BREAK_AFTER = 80  # minutes of lessons in a row before a 15-minute break
BREAK, LUNCH = 15, 60
AGENDAS = {  # the lessons of each agenda, in order; it starts at START
    "Half day (a morning)": ("00_setup", "02_chat", "03_streaming", "08_migrate_inference_to_openai_v1"),
    "Full day": ("00_setup", "01_auth", "02_chat", "03_streaming", "04_embeddings", "05_model_extras",
                 "06_errors_and_logging", "08_migrate_inference_to_openai_v1", "09_migrate_legacy_completions"),
}
START = "09:00"
LUNCH_FROM = "12:00"  # the first break at or after this time is lunch (full day)


@dataclass(frozen=True)
class Lesson:
    stem: str
    code_cells: int
    words: int
    exercises: int
    minutes: int  # reading, by tools.lesson_time's rule
    with_exercises: int  # what the lesson states at its top


def lesson(path):
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    words = sum(len(cell.source.split()) for cell in notebook.cells if cell.cell_type == "markdown")
    exercises = sum(1 for cell in code if cell.source.strip().startswith("check("))
    return Lesson(path.stem, len(code), words, exercises, estimate(notebook, 0), estimate(notebook, exercises))


def lessons():
    return [lesson(path) for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]


def timing_table(found):
    rows = ["| notebook | code cells | words of prose | exercises | learner time | with exercises |",
            "|---|---:|---:|---:|---:|---:|"]
    rows += [f"| {item.stem} | {item.code_cells} | {item.words} | {item.exercises} | {item.minutes} min | "
             f"{item.with_exercises} min |" for item in found]
    return "\n".join(rows)


def agenda(title, stems, found):
    by_stem = {item.stem: item for item in found}
    clock, since_break, lunch_taken = datetime.strptime(START, "%H:%M"), 0, False
    rows = [f"**{title}**", "", "| time | what |", "|---|---|"]
    for number, stem in enumerate(stems):
        item = by_stem[stem]
        rows.append(f"| {clock:%H:%M} | {stem}, with its exercises ({item.with_exercises} min) |")
        clock += timedelta(minutes=item.with_exercises)
        since_break += item.with_exercises
        if since_break >= BREAK_AFTER and number < len(stems) - 1:
            lunch = not lunch_taken and f"{clock:%H:%M}" >= LUNCH_FROM
            rows.append(f"| {clock:%H:%M} | {'lunch' if lunch else 'break'} |")
            clock += timedelta(minutes=LUNCH if lunch else BREAK)
            since_break, lunch_taken = 0, lunch_taken or lunch
    rows.append(f"| {clock:%H:%M} | end |")
    return "\n".join(rows)


def section(found=None):
    found = found or lessons()
    parts = [timing_table(found), *(agenda(title, stems, found) for title, stems in AGENDAS.items())]
    return "\n\n".join([BEGIN, *parts, END])


def written(text, found=None):
    """text (the guide) with the part between the markers replaced by what the notebooks give now."""
    if BEGIN not in text or END not in text:
        sys.exit(f"{GUIDE.relative_to(ROOT)} has no {BEGIN} ... {END} markers to write between.")
    before, rest = text.split(BEGIN, 1)
    return before + section(found) + rest.split(END, 1)[1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"update {GUIDE.relative_to(ROOT)} in place")
    args = parser.parse_args(argv)
    if args.write:
        GUIDE.write_text(written(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"updated {GUIDE.relative_to(ROOT)}")
    else:
        print(section())


if __name__ == "__main__":
    main()
