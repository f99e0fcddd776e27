"""The notebooks the tests run through nbclient survive jupyter_client's port race (tests/support/kernels.execute): a
kernel that dies because a port it was given is taken starts once more; a kernel that dies for any other reason, or
twice, fails the test."""

import os
import socket

import nbformat
import pytest
from nbclient import NotebookClient
from traitlets.config import Config

from tests.support.kernels import execute
from tests.support.loopback import LOOPBACK


class Counted(NotebookClient):
    """A NotebookClient that counts its runs and, after each, calls after_each (the test's way to change the world
    between a first run and a second)."""

    def __init__(self, *args, after_each=lambda: None, **kwargs):
        super().__init__(*args, **kwargs)
        self.runs, self.after_each = 0, after_each

    def execute(self, **kwargs):
        self.runs += 1
        try:
            return super().execute(**kwargs)
        finally:
            self.after_each()


def page():
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(6 * 7)")])


def on_port(port, **kwargs):
    """A client whose kernel is given port as its shell port, as jupyter_client gives it a port it found free (without
    its port cache, which would choose another)."""
    return Counted(page(), kernel_name="python3", timeout=60, startup_timeout=20,
                   config=Config({"KernelManager": {"shell_port": port, "cache_ports": False}}), **kwargs)


@pytest.fixture
def taken_port():
    with socket.socket() as holder:
        holder.bind((LOOPBACK, 0))
        holder.listen()
        yield holder


def test_a_kernel_whose_port_was_taken_starts_again_and_the_notebook_runs(taken_port):
    client = on_port(taken_port.getsockname()[1], after_each=taken_port.close)
    with pytest.warns(UserWarning, match="A kernel died on a port another process had taken"):
        execute(client)
    assert client.runs == 2
    assert client.nb.cells[0].outputs[0].text == "42\n"


def test_a_port_taken_twice_fails_the_test(taken_port):
    client = on_port(taken_port.getsockname()[1])
    with pytest.raises(RuntimeError, match="Kernel died"), pytest.warns(UserWarning, match="started once more"):
        execute(client)
    assert client.runs == 2


def test_a_kernel_that_dies_for_another_reason_fails_at_once(tmp_path):
    (tmp_path / "sitecustomize.py").write_text("raise SystemExit('this kernel cannot start')\n", encoding="utf-8")
    client = Counted(page(), kernel_name="python3", timeout=60, startup_timeout=20)
    with pytest.raises(RuntimeError, match="Kernel died"):
        execute(client, env={"PATH": os.environ["PATH"], "PYTHONPATH": str(tmp_path)})
    assert client.runs == 1
