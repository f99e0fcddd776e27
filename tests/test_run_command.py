"""make run and make record as a maintainer meets them: a misspelt name stops before any kernel starts, and Ctrl-C
stops the run with one line, leaving build/ and the recordings byte for byte as they were.

The Ctrl-C tests run `python -m tools.run_notebooks` in a temporary copy of the repository (tests/support/kernels.py's
copy, plus tools/, one notebook and a build/ from an earlier run), with SIGINT at its default as in a terminal's
foreground job, and send SIGINT to its whole process group once the kernel is inside a cell, as a terminal's Ctrl-C
does.
"""

import os
import shutil
import signal
import subprocess
import sys
import time

import nbformat
import pytest

from helpers.paths import ROOT
from tests.support.kernels import copy_repo, shell_env
from tools import run_notebooks

NOTEBOOK = "00_setup"
# What a terminal gives a foreground job: SIGINT at its default, which a background job of a script may not have.
AS_IN_A_TERMINAL = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
                    "runpy.run_module('tools.run_notebooks', run_name='__main__', alter_sys=True)")
RECORD_VARIABLES = {  # usable-looking values: the kit cell opens a recording, and no request is ever sent
    "AZURE_AI_CHAT_ENDPOINT": "https://kit-test.eastus2.models.ai.azure.com",
    "AZURE_AI_CHAT_KEY": "0123456789abcdef0123456789abcdef",
    "GITHUB_TOKEN": "github_pat_0123456789abcdefABCDEF",
}


def known_names():
    return [run_notebooks.label(path) for path in run_notebooks.lessons() + run_notebooks.solutions()]


def test_an_unknown_name_stops_with_one_line_listing_every_known_notebook(capsys):
    with pytest.raises(SystemExit) as stop:
        run_notebooks.main(["02-chat"])
    message = str(stop.value)
    assert message == (f"No notebook is called 02-chat. Known notebooks: {', '.join(known_names())} "
                       "(or a path to a .ipynb file).")
    assert "solutions/02_chat" in known_names()
    assert capsys.readouterr().out == "", "the run printed something (a progress bar, a kernel) before stopping"


def test_python_m_tools_run_notebooks_with_an_unknown_name_prints_one_line_and_exits_non_zero():
    result = subprocess.run([sys.executable, "-m", "tools.run_notebooks", "--html", "build", "02-chat", "02_chat"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"No notebook is called 02-chat. Known notebooks: "
                                          f"{', '.join(known_names())} (or a path to a .ipynb file)."]


@pytest.fixture
def repo(tmp_path):
    """A copy of the kit whose notebook runs the kit cell, then tells the test its kernel's pid and sleeps."""
    copy = copy_repo(tmp_path / "kit", NOTEBOOK)
    shutil.copytree(ROOT / "tools", copy / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    marker = tmp_path / "kernel.pid"
    cells = [f'from helpers import start; start("{NOTEBOOK}")',
             f"import os, pathlib, time\npathlib.Path({str(marker)!r}).write_text(str(os.getpid()))\ntime.sleep(60)",
             "print('never reached')"]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A lesson that sleeps")]
                                        + [nbformat.v4.new_code_cell(source) for source in cells])
    nbformat.write(notebook, copy / "notebooks" / f"{NOTEBOOK}.ipynb")
    (copy / "build" / "solutions").mkdir(parents=True)
    for page in ("index.html", f"{NOTEBOOK}.html", "solutions/01_auth.html"):
        (copy / "build" / page).write_text(f"<p>{page} from an earlier run</p>\n", encoding="utf-8")
    (tmp_path / "tmp").mkdir()
    return copy


def files(folder):
    """Every file under folder, hidden ones too, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def gone(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize(("mode", "arguments"), [("replay", ["--html", "build", NOTEBOOK]), ("record", [NOTEBOOK])],
                         ids=["make run", "make record"])
def test_ctrl_c_stops_the_run_with_one_line_and_leaves_build_and_the_recordings_as_they_were(repo, mode, arguments):
    environment = shell_env(repo, NOTEBOOK_MODE=mode, NOTEBOOK_ENV_FILE="none", TMPDIR=str(repo.parent / "tmp"),
                             **(RECORD_VARIABLES if mode == "record" else {}))
    recordings, build = repo / "notebooks" / "recordings", repo / "build"
    before = files(recordings), files(build)
    marker = repo.parent / "kernel.pid"
    runner = subprocess.Popen([sys.executable, "-c", AS_IN_A_TERMINAL, *arguments], cwd=repo, env=environment,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        wait_for(lambda: marker.exists() and marker.read_text() or runner.poll() is not None, 90, "the kernel")
        assert runner.poll() is None, runner.communicate()
        if mode == "record":
            assert (recordings / f".{NOTEBOOK}.recording.yaml").exists(), "the kit cell did not start recording"
        os.killpg(runner.pid, signal.SIGINT)
        out, err = runner.communicate(timeout=60)
    finally:
        if runner.poll() is None:
            runner.kill()
    assert runner.returncode != 0
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Interrupted during {NOTEBOOK}: its kernel is stopped"), err
    assert (files(recordings), files(build)) == before
    assert gone(int(marker.read_text())), "the kernel outlived the run"
    assert not list((repo.parent / "tmp").iterdir()), "the run left temporary files (staged pages, kernel files)"
