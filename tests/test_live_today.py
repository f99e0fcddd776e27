"""Each lesson's "What runs live today" table says, for every endpoint the lesson calls, what the kit's one table of
facts says of it (helpers.endpoints kinds, openai_v1_migrate.retirements): the lesson can never claim a retired route
runs live, or forget an endpoint."""

import re

import nbformat
import pytest

from helpers.modes import ENTRA_ID, ENTRA_ID_SERVES, endpoints_for
from helpers.paths import NOTEBOOKS
from helpers.plan import ENTRA_ID_NOTEBOOKS
from helpers.settings import VARIABLES, variables_for

LESSONS = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
ROW = re.compile(r"^\| (?P<variables>[^|]+) \| (?P<steps>[^|]+) \| (?P<today>[^|]+) \|$", re.MULTILINE)


def live_today(notebook):
    cells = nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4).cells
    text = next(c.source for c in cells if "**What runs live today.**" in c.source)
    table = text.split("**What runs live today.**", 1)[1].split("\n\n")[1]
    return [m.groupdict() for m in ROW.finditer(table)][1:]  # the first row is the header


@pytest.mark.parametrize("notebook", LESSONS)
def test_each_endpoint_of_the_lesson_has_a_row_saying_what_the_kit_says_of_it(notebook):
    rows = live_today(notebook)
    named = [re.findall(r"`([A-Z_]+)`", row["variables"]) or [ENTRA_ID] for row in rows]
    endpoints = endpoints_for(variables_for(notebook), notebook in ENTRA_ID_NOTEBOOKS)
    assert sorted(names[0] for names in named) == sorted(e.name for e in endpoints), f"{notebook}: a row per endpoint"
    for names, row in zip(named, rows, strict=True):
        expected = ENTRA_ID_SERVES if names == [ENTRA_ID] else VARIABLES[names[0]].serves
        assert row["today"] == expected, f"{notebook}: {names[0]}"


def test_a_retired_route_is_never_said_to_run_live():
    for notebook in LESSONS:
        for row in live_today(notebook):
            if "GITHUB_TOKEN" in row["variables"] or "AZURE_INFERENCE_ENDPOINT" in row["variables"]:
                assert row["today"].startswith("replay only: "), notebook


def demo_row(notebook):
    """The instructor guide's row for a lesson, from its table: what runs live on Azure OpenAI, what replays only."""
    rows = live_today(notebook)
    live = [r["steps"].split(" (")[0] for r in rows if r["today"].startswith("live on your Azure OpenAI resource")]
    retired = [f"{r['steps'].split(' (')[0]} ({r['today'].removeprefix('replay only: ')})" for r in rows
               if r["today"].startswith("replay only: ")]
    return f"| {notebook} | {'; '.join(live) or '-'} | {'; '.join(retired) or '-'} |"


def test_the_instructor_guide_says_what_each_lesson_table_says():
    guide = (NOTEBOOKS.parent / "docs" / "instructor.md").read_text(encoding="utf-8")
    for notebook in LESSONS:
        assert demo_row(notebook) in guide.splitlines(), f"docs/instructor.md: the row of {notebook}"
