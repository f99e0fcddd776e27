"""The kit works from any checkout: a fresh clone of the committed HEAD in a folder whose path has a space and a
non-ASCII letter (as `OneDrive - Contoso` or `Mes projets` do) passes the kit's tests and two notebooks under strict
nbval, with this venv's Python.

The venv's azure_ai_kit.pth points at the checkout it was made in, so PYTHONPATH puts the clone first: pytest, and
the notebook kernels it starts, import the clone's helpers.
"""

import os
import subprocess
import sys

from helpers.paths import ROOT

SUBSET = ["tests/test_kit.py", "notebooks/02_chat.ipynb", "notebooks/03_streaming.ipynb"]


def git(*arguments, cwd=ROOT):
    return subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def test_a_clone_in_a_path_with_a_space_and_non_ascii_letters_passes_the_kit_tests_and_two_notebooks(tmp_path):
    clone = tmp_path / "My Projects é" / "kit"
    git("clone", "--quiet", "--local", "--no-checkout", str(ROOT), str(clone))
    git("checkout", "--quiet", "--detach", git("rev-parse", "HEAD"), cwd=clone)
    environment = {**os.environ, "PYTHONPATH": str(clone)}
    where = subprocess.run([sys.executable, "-c", "import helpers; print(helpers.__file__)"], cwd=clone / "notebooks",
                           env=environment, capture_output=True, text=True, check=True).stdout.strip()
    assert where == str(clone / "helpers" / "__init__.py"), "a kernel in the clone would import another checkout"
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "--nbval", *SUBSET], cwd=clone, env=environment,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout.splitlines()[-1] and "skipped" not in result.stdout.splitlines()[-1]
