"""What make would run, without running it: `make -n` in the checkout. The Windows job runs the suite without make,
so the tests that need it are skipped there (the Linux and macOS jobs run them).

    @needs_make
    def test_...():
        done = dry_run("test", "PYTHON=python")     # done.returncode, done.stdout: the commands make would run
"""

import os
import shutil
import subprocess

import pytest

from helpers.paths import ROOT

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed (the Windows path)")


def dry_run(*arguments):
    """make -n as a shell runs it, even under make test: no flags or level of an outer make, no directory lines."""
    environment = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", "--no-print-directory", "-n", *arguments], cwd=ROOT, env=environment,
                          capture_output=True, text=True, check=False)
