"""What make would run, without running it: `make -n` in the checkout. The Windows job runs the suite without make,
so the tests that need it are skipped there (the Linux and macOS jobs run them).

    @needs_make
    def test_...():
        done = dry_run("test", "PYTHON=python")     # done.returncode, done.stdout: the commands make would run
"""

import shutil
import subprocess

import pytest

from helpers.paths import ROOT

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed (the Windows path)")


def dry_run(*arguments):
    return subprocess.run(["make", "-n", *arguments], cwd=ROOT, capture_output=True, text=True, check=False)
