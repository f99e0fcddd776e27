"""Safe recording in a real kernel: record mode writes notebooks/recordings/.NN.recording.yaml after every cell and
moves it into place when the kernel shuts down normally (helpers.session.Record), or, under `make record`, when the
runner has seen every cell succeed (tools.run_notebooks.record); a killed kernel or a failed run leaves the old
cassette as it was.

Each test works in a temporary copy of the repository's layout (helpers/ and notebooks/recordings/), so no real
cassette is touched, and records against tests/support/loopback.py. start() refuses a loopback endpoint (it checks
endpoint kinds), so the notebook's first cell builds the Record session that start() would build and hooks it into
IPython with helpers.ipython.watch_cells, as start() does.
"""

import os
import time

import nbformat
import pytest
from jupyter_client import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers.settings import VARIABLES
from tests.support.kernels import copy_repo, execute, shell_env
from tools import run_notebooks

NOTEBOOK = "zz_safe_recording"
PLACEHOLDER = VARIABLES["AZURE_INFERENCE_ENDPOINT"].placeholder


@pytest.fixture
def repo(tmp_path):
    """A copy of the repository's layout: helpers/ and an empty notebooks/recordings/."""
    return copy_repo(tmp_path)


def cells(server, certificate, overwrite, sleep=False):
    endpoint = f"{server.url}/models"
    setup = f"""\
# start() refuses a loopback endpoint, so this cell builds the session start() would build and hooks it into IPython
# the way start() does. The guard lets this kernel reach the test's loopback server and nothing else.
import os
import helpers
from helpers import ipython, network
from helpers.cassettes import cassette_path
from helpers.scrubbing import Scrubber
from helpers.session import Record
network.block("test", allow_ports={{{server.port}}})
scrubber = Scrubber([{server.key!r}], [({endpoint!r}, {PLACEHOLDER!r})])
session = Record({NOTEBOOK!r}, cassette_path({NOTEBOOK!r}), scrubber, overwrite={overwrite!r},
                 finish_at_exit=os.environ.get("NOTEBOOK_RECORD_FINISH") != "by-runner")
session.open()
ipython.watch_cells(get_ipython(), session)
print(helpers.__file__)"""
    client = f"""\
from azure.ai.inference import ChatCompletionsClient
from azure.ai.inference.models import UserMessage
from azure.core.credentials import AzureKeyCredential

client = ChatCompletionsClient(endpoint={endpoint!r}, credential=AzureKeyCredential({server.key!r}),
                               connection_verify={certificate[0]!r})
print(client.complete(messages=[UserMessage(content="How many feet are in a mile?")]).choices[0].message.content)"""
    last = 'print(client.complete(messages=[UserMessage(content="And in a yard?")]).choices[0].message.content)'
    return [setup, client, *(["import time\ntime.sleep(60)"] if sleep else []), last]


def write_notebook(repo, sources):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(notebook, repo / "notebooks" / f"{NOTEBOOK}.ipynb")
    return notebook


def run_notebook(repo, sources):
    """Run every cell in a fresh kernel, as `make record` does; returns each cell's stdout."""
    notebook = write_notebook(repo, sources)
    execute(NotebookClient(notebook, timeout=60, kernel_name="python3",
                           resources={"metadata": {"path": str(repo / "notebooks")}}), env=shell_env(repo))
    return ["".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream") for cell in notebook.cells]


def recordings(repo):
    return sorted(p.name for p in (repo / "notebooks" / "recordings").iterdir())


def test_re_recording_an_unchanged_notebook_gives_a_byte_identical_cassette(repo, server, certificate):
    first = run_notebook(repo, cells(server, certificate, overwrite=True))
    assert first[0].strip() == str(repo / "helpers" / "__init__.py"), "the kernel used the real helpers, not the copy"
    cassette = repo / "notebooks" / "recordings" / f"{NOTEBOOK}.yaml"
    recorded = cassette.read_bytes()
    assert b"How many feet are in a mile?" in recorded and b"And in a yard?" in recorded
    assert server.key.encode() not in recorded
    run_notebook(repo, cells(server, certificate, overwrite=True))
    assert cassette.read_bytes() == recorded, "re-recording changed the cassette: its diff would not be reviewable"
    assert recordings(repo) == [f"{NOTEBOOK}.yaml"]


def test_without_overwrite_an_existing_cassette_stays_and_the_new_one_lands_beside_it(repo, server, certificate):
    cassette = repo / "notebooks" / "recordings" / f"{NOTEBOOK}.yaml"
    cassette.write_text("interactions: []\nversion: 1\n# the reviewed recording\n", encoding="utf-8")
    before = cassette.read_bytes()
    run_notebook(repo, cells(server, certificate, overwrite=False))
    assert cassette.read_bytes() == before
    assert recordings(repo) == [f"{NOTEBOOK}.new.yaml", f"{NOTEBOOK}.yaml"]
    assert "And in a yard?" in (cassette.parent / f"{NOTEBOOK}.new.yaml").read_text(encoding="utf-8")


def test_killing_the_kernel_mid_run_leaves_the_old_cassette_byte_identical(repo, server, certificate):
    cassette = repo / "notebooks" / "recordings" / f"{NOTEBOOK}.yaml"
    cassette.write_text("interactions: []\nversion: 1\n# the reviewed recording\n", encoding="utf-8")
    before = cassette.read_bytes()
    sources = cells(server, certificate, overwrite=True, sleep=True)
    write_notebook(repo, sources)
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(cwd=str(repo / "notebooks"), env=shell_env(repo))
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        for source in sources[:2]:
            reply = client.execute_interactive(source, timeout=60, output_hook=lambda _: None)
            assert reply["content"]["status"] == "ok"
        working = cassette.with_name(f".{NOTEBOOK}.recording.yaml")
        assert "How many feet are in a mile?" in working.read_text(encoding="utf-8"), "not saved after the cell"
        client.execute(sources[2])  # time.sleep(60): the kernel is busy when it is killed
        time.sleep(0.5)
        assert manager.is_alive()
        manager.shutdown_kernel(now=True)  # as nbval stops kernels: no atexit, no finally
    finally:
        client.stop_channels()
    assert not manager.is_alive()
    assert cassette.read_bytes() == before
    assert recordings(repo) == [f".{NOTEBOOK}.recording.yaml", f"{NOTEBOOK}.yaml"]  # the working file is gitignored


@pytest.fixture
def runner_env(repo, monkeypatch):
    """This process's environment as shell_env(repo) has it: the runner's kernels inherit it."""
    for name in list(os.environ):
        monkeypatch.delenv(name)
    for name, value in shell_env(repo).items():
        monkeypatch.setenv(name, value)


@pytest.mark.parametrize("overwrite", [False, True], ids=["beside the old cassette", "overwriting it"])
def test_the_runner_finishes_the_recording_once_every_cell_has_run(repo, server, certificate, runner_env, overwrite):
    cassette = repo / "notebooks" / "recordings" / f"{NOTEBOOK}.yaml"
    cassette.write_text("interactions: []\nversion: 1\n# the reviewed recording\n", encoding="utf-8")
    before = cassette.read_bytes()
    write_notebook(repo, cells(server, certificate, overwrite))
    # Had the kernel finished the recording itself at shutdown, there would be no working file left to finish.
    _, saved = run_notebooks.record(repo / "notebooks" / f"{NOTEBOOK}.ipynb", cassette, overwrite)
    assert saved == (cassette if overwrite else cassette.with_suffix(".new.yaml"))
    assert "And in a yard?" in saved.read_text(encoding="utf-8")
    if overwrite:
        assert recordings(repo) == [f"{NOTEBOOK}.yaml"]
    else:
        assert cassette.read_bytes() == before
        assert recordings(repo) == [f"{NOTEBOOK}.new.yaml", f"{NOTEBOOK}.yaml"]


def test_a_failing_cell_under_the_runner_leaves_no_stray_file_and_the_old_cassette_byte_identical(
        repo, server, certificate, runner_env):
    cassette = repo / "notebooks" / "recordings" / f"{NOTEBOOK}.yaml"
    cassette.write_text("interactions: []\nversion: 1\n# the reviewed recording\n", encoding="utf-8")
    before = cassette.read_bytes()
    write_notebook(repo, [*cells(server, certificate, overwrite=True), "1 / 0"])
    with pytest.raises(CellExecutionError, match="ZeroDivisionError"):
        run_notebooks.record(repo / "notebooks" / f"{NOTEBOOK}.ipynb", cassette, overwrite=True)
    assert cassette.read_bytes() == before
    assert recordings(repo) == [f"{NOTEBOOK}.yaml"]
