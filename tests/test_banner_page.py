"""The banner a learner with no key sees is at most 5 informational lines, and every stored page shows exactly that
banner: the tests run as that learner (root conftest.py), and strictness changes what a miss does, never the banner."""

import os

import nbformat
import pytest

from helpers import kit
from helpers.paths import NOTEBOOKS

PAGES = sorted(str(p.relative_to(NOTEBOOKS).with_suffix("")) for p in NOTEBOOKS.glob("**/[0-9][0-9]_*.ipynb"))


def stored_banner(page):
    cells = nbformat.read(NOTEBOOKS / f"{page}.ipynb", as_version=4).cells
    kit_cell = next(c for c in cells if c.cell_type == "code")
    return "".join(o.get("text", "") for o in kit_cell.outputs if o.output_type == "stream")


@pytest.mark.parametrize("page", PAGES)
def test_the_stored_banner_is_what_a_learner_with_no_key_sees(page, kernel_env, capsys):
    """kernel_env gives back the whole environment afterwards (monkeypatch would not: kernel_env took the variables
    out before it ran, so it would take them out again when it undoes its changes)."""
    os.environ["NOTEBOOK_ENV_FILE"] = "none"  # a developer's own .env must not change what is compared
    for strict in ("1", "0"):
        os.environ["NOTEBOOK_REPLAY_STRICT"] = strict
        kit.start(page)
        assert capsys.readouterr().out == stored_banner(page), f"{page} with NOTEBOOK_REPLAY_STRICT={strict}"


@pytest.mark.parametrize("page", PAGES)
def test_a_keyless_banner_is_at_most_five_lines_and_asks_nothing_of_a_retired_route(page):
    lines = stored_banner(page).splitlines()
    assert 1 < len(lines) <= 5, lines
    assert all(line.startswith(("Kit ready:", "  replay, ")) for line in lines[:-1])
    assert lines[-1].startswith("To go live, put your ") and "GITHUB_TOKEN" not in lines[-1]
    assert "AZURE_INFERENCE" not in lines[-1]
