"""A learner's saved notebook: JupyterLab saves the outputs of a learner's run into the notebook. In a git checkout
(a temporary one here, with the repository's conftest.py and pyproject.toml), pytest then names each changed
notebook on one line, with the command that restores it, before nbval runs a single cell; restored, it runs."""

import shutil
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from helpers.paths import ROOT
from tests.support.kernels import execute
from tests.support.learner import NOTEBOOKS, replay_env, reworded

LESSON = "02_chat"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]


@pytest.fixture
def checkout(tmp_path):
    """A git checkout holding what pytest needs to collect one lesson, committed."""
    for name in ("conftest.py", "pyproject.toml", "tests/nbval_sanitize.cfg", f"notebooks/{LESSON}.ipynb"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "lesson"]):
        subprocess.run([*GIT, *command], cwd=tmp_path, check=True, capture_output=True)
    return tmp_path


@pytest.fixture(scope="module")
def learners_run(tmp_path_factory):
    """The lesson as a learner saves it: run with its first prompt reworded, in replay with stand-ins."""
    notebook = nbformat.read(NOTEBOOKS / f"{LESSON}.ipynb", as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    cells, number, _, _ = reworded([("".join(c.source), set(), c.outputs) for c in code])
    code[number].source = cells[number][0]
    execute(NotebookClient(notebook, timeout=120, kernel_name="python3",
                           resources={"metadata": {"path": str(NOTEBOOKS)}}), env=replay_env())
    path = tmp_path_factory.mktemp("saved") / f"{LESSON}.ipynb"
    nbformat.write(notebook, path)
    return path


def pytest_in(checkout, *args):
    return subprocess.run([sys.executable, "-m", "pytest", "--nbval", *args, f"notebooks/{LESSON}.ipynb"],
                          cwd=checkout, capture_output=True, text=True, timeout=300, check=False)


def test_a_saved_learners_run_is_named_with_how_to_restore_it_before_any_cell_runs(checkout, learners_run):
    shutil.copy(learners_run, checkout / "notebooks" / f"{LESSON}.ipynb")
    assert "Stand-in answer" in (checkout / "notebooks" / f"{LESSON}.ipynb").read_text(encoding="utf-8")
    result = pytest_in(checkout)
    name = f"notebooks/{LESSON}.ipynb"
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, result.stdout[-2000:] + result.stderr[-2000:]
    assert result.stderr.strip().splitlines() == [
        f"ERROR: {name} differs from git's copy (a run saved over it?), so its stored outputs are not the expected "
        f"ones. Restore it with `git checkout -- {name}`, or `git add {name}` if the change is meant to stay."]
    assert "Cell" not in result.stdout, "nbval ran before the changed notebook was named"


def test_a_restored_notebook_is_collected_as_usual(checkout, learners_run):
    shutil.copy(learners_run, checkout / "notebooks" / f"{LESSON}.ipynb")
    subprocess.run(["git", "checkout", "--", f"notebooks/{LESSON}.ipynb"], cwd=checkout, check=True)
    result = pytest_in(checkout, "--collect-only", "-q")
    assert result.returncode == pytest.ExitCode.OK, result.stdout[-2000:] + result.stderr[-2000:]
    assert f"notebooks/{LESSON}.ipynb::Cell 0" in result.stdout
