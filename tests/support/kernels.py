"""Real IPython kernels (jupyter_client) for tests, in a temporary copy of the repository's layout, so a test's .env,
cassettes and recordings never touch the checkout's.

    repo = copy_repo(tmp_path, "00_setup")        # helpers/ and notebooks/recordings/00_setup.yaml
    kernel = Kernel(repo, shell_env(repo))       # starts at once; the first run() waits until it is ready
    ran = kernel.run('from helpers import start; start("00_setup")')   # ran.status, ran.stdout, ran.error
    execute(NotebookClient(page, ...), env=shell)   # a whole notebook, as nbclient runs it
"""

import atexit
import os
import shutil
import sys
import tempfile
import warnings
from dataclasses import dataclass

from jupyter_client import KernelManager

from helpers.paths import RECORDINGS, ROOT


def copy_repo(directory, *cassettes):
    """helpers/ and notebooks/recordings/ holding copies of the named cassettes, in directory."""
    shutil.copytree(ROOT / "helpers", directory / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    (directory / "notebooks" / "recordings").mkdir(parents=True)
    for name in cassettes:
        shutil.copy(RECORDINGS / f"{name}.yaml", directory / "notebooks" / "recordings")
    return directory


def shell_env(repo, **shell):
    """This process's environment without the kit's variables, plus shell: what a learner's shell exports. The
    kernel imports helpers from the copy, and tests.support (loopback, transports) from the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NOTEBOOK_", "AZURE_", "OPENAI_", "GITHUB_"))}
    for name in ("PYTEST_ADDOPTS", "PYTEST_CURRENT_TEST"):
        env.pop(name, None)
    env["PYTHONPATH"] = os.pathsep.join([str(repo), str(ROOT)])
    return {**env, **shell}


# jupyter_client picks free ports, closes them and hands them to the kernel, which binds them a moment later; another
# process may take one in between (jupyter/jupyter_client#154, open), and the kernel dies before it runs anything.
PORT_TAKEN = "Address already in use"


def execute(client, **kwargs):
    """client.execute(**kwargs), client an nbclient NotebookClient, run once more if its kernel died because a port
    it was given had been taken (PORT_TAKEN): no cell had run. The run says so in a warning, which pytest lists at the
    end. Any other failure, or a second one, is raised. What the kernel wrote to its stderr goes to this process's
    stderr, as it would without this."""
    for last in (False, True):
        with tempfile.TemporaryFile("w+", encoding="utf-8") as stderr:
            try:
                return client.execute(stderr=stderr, **kwargs)
            except RuntimeError:
                # nbclient leaves its atexit clean-up registered when the kernel never started; at exit it would
                # fail, printing a traceback, on the kernel manager it has already dropped
                atexit.unregister(client._cleanup_kernel)
                stderr.seek(0)
                if last or PORT_TAKEN not in stderr.read():
                    raise
                warnings.warn("A kernel died on a port another process had taken (jupyter/jupyter_client#154); it "
                              "was started once more.", stacklevel=2)
            finally:
                stderr.seek(0)
                sys.stderr.write(stderr.read())


@dataclass
class Ran:
    status: str
    stdout: str
    error: dict | None  # the error output's ename, evalue and traceback (the lines a notebook shows)


class Kernel:
    """A kernel started in repo/notebooks, as Jupyter starts a notebook's kernel there."""

    def __init__(self, repo, env):
        self.manager = KernelManager(kernel_name="python3")
        self.manager.start_kernel(cwd=str(repo / "notebooks"), env=env)
        self.client = None

    def connected(self):
        """The kernel's client, started and ready on first use."""
        if self.client is None:
            self.client = self.manager.client()
            self.client.start_channels()
            self.client.wait_for_ready(timeout=60)
        return self.client

    def run(self, source, timeout=60):
        outputs = []
        reply = self.connected().execute_interactive(source, timeout=timeout, output_hook=outputs.append)
        stdout = "".join(m["content"]["text"] for m in outputs
                         if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")
        errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
        return Ran(reply["content"]["status"], stdout, errors[0] if errors else None)

    def shutdown(self):
        """Stop the kernel as nbval does: at once, without atexit. Stopping a stopped kernel does nothing."""
        if self.client is not None:
            self.client.stop_channels()
            self.client = None
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)
