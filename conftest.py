"""Every test runs as a learner with no key, in strict replay, whatever a learner's shell or .env says: notebook kernels
(nbval) inherit this process's environment, which holds none of the kit's variables and no Azure CLI sign-in, and the
kit cell reads no .env at all with NOTEBOOK_ENV_FILE=none. So plain `pytest` never goes live, every stored page shows
the banner a learner with no key sees, and a request that was never recorded fails the notebook instead of getting a
stand-in (strictness changes what a miss does, never what the banner prints).

A notebook that differs from git's copy is named before anything runs: JupyterLab saves a learner's outputs (stand-ins
for a reworded prompt, say) into it, and nbval would otherwise report them as a page of output differences.

How the suite is spread over pytest-xdist workers is tools/scheduling.py's."""

import os
import subprocess
from pathlib import Path

import pytest

from tools import scheduling

FORCED = {"NOTEBOOK_MODE": "", "NOTEBOOK_REPLAY_STRICT": "1", "NOTEBOOK_REPLAY_PACE": "",
          "NOTEBOOK_ENV_FILE": "none", "AZURE_CONFIG_DIR": str(Path(__file__).parent / "tests" / "no-azure-cli")}
LEARNER_VARIABLES = ("AZURE_", "OPENAI_", "GITHUB_TOKEN")


def pytest_configure(config):
    for name in [n for n in os.environ if n.startswith(LEARNER_VARIABLES) and n != "AZURE_CONFIG_DIR"]:
        del os.environ[name]
    os.environ.update(FORCED)
    if hasattr(config, "workerinput"):  # an xdist worker: the controller has checked already
        return
    changed = changed_notebooks(config)
    if changed:
        raise pytest.UsageError("\n".join(
            f"{name} differs from git's copy (a run saved over it?), so its stored outputs are not the expected ones. "
            f"Restore it with `git checkout -- {name}`, or `git add {name}` if the change is meant to stay."
            for name in changed))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config):
    return scheduling.workers()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """pyproject.toml's --dist loadfile, with the lessons split and the longest units first; any other --dist as is."""
    return scheduling.Scheduling(config, log) if config.getoption("dist") == "loadfile" else None


def changed_notebooks(config):
    """The notebooks this run compares whose file differs from git's index; none outside a git checkout."""
    if not config.getoption("nbval", False):
        return []
    paths = [str(Path(config.invocation_params.dir, arg.split("::")[0])) for arg in config.args]
    try:
        listed = subprocess.run(["git", "-C", str(config.rootpath), "diff", "--name-only", "-z", "--", *paths],
                                capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if listed.returncode != 0:
        return []
    return [name for name in listed.stdout.split("\0")
            if name.endswith(".ipynb") and ".ipynb_checkpoints" not in name]
