"""Replay is hermetic. In this process, tests/conftest.py refuses every connection but the tests' loopback servers,
and helpers.network.block() refuses every one, including each kind of name lookup and datagram. In a real kernel,
start("00_setup") in replay blocks the network, under nbclient and under nbval as `make test` runs it; a cell trying
to reach TEST-NET-1 (192.0.2.1) gets NetworkBlockedError naming the target, refused before any packet is sent."""

import socket
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from helpers import network
from helpers.errors import NetworkBlockedError
from helpers.paths import ROOT
from tests.support.kernels import execute
from tests.support.learner import replay_env
from tests.support.loopback import FakeAzure

START = 'from helpers import start; start("00_setup")'
# Never attempts a connection unless the kit's guard is on; the guard refuses before any packet leaves.
TRY_THE_NETWORK = """\
import socket
from helpers import network
from helpers.errors import NetworkBlockedError

if not network.is_blocked():
    raise RuntimeError("start() in replay did not block the network; not trying a real connection")
attempts = {
    "create_connection": (lambda: socket.create_connection(("192.0.2.1", 443), timeout=1), "192.0.2.1"),
    "connect": (lambda: socket.socket().connect(("192.0.2.1", 443)), "192.0.2.1:443"),
    "gethostbyname": (lambda: socket.gethostbyname("example-resource.openai.azure.com"),
                      "example-resource.openai.azure.com"),
    "sendto": (lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"?", ("192.0.2.1", 53)),
               "192.0.2.1:53"),
}
for name, (attempt, target) in attempts.items():
    try:
        attempt()
        print(name, "was not blocked")
    except NetworkBlockedError as error:
        print(name, "NetworkBlockedError naming", target, target in str(error))"""
EXPECTED = "".join(f"{name} NetworkBlockedError naming {target} True\n" for name, target in (
    ("create_connection", "192.0.2.1"), ("connect", "192.0.2.1:443"),
    ("gethostbyname", "example-resource.openai.azure.com"), ("sendto", "192.0.2.1:53")))


def tiny_notebook(with_outputs=False):
    """The kit cell and a cell that tries the network; with_outputs: stored as nbval expects them."""
    kit = nbformat.v4.new_code_cell(START)
    probe = nbformat.v4.new_code_cell(TRY_THE_NETWORK)
    if with_outputs:
        kit.metadata["tags"] = ["nbval-ignore-output"]  # the banner belongs to 00_setup and changes with it
        kit.execution_count, probe.execution_count = 1, 2
        probe.outputs = [nbformat.v4.new_output("stream", name="stdout", text=EXPECTED)]
    return nbformat.v4.new_notebook(cells=[kit, probe])


def test_replay_kernel_refuses_every_connection_and_names_the_target(tmp_path):
    notebook = tiny_notebook()
    execute(NotebookClient(notebook, timeout=60, kernel_name="python3",
                           resources={"metadata": {"path": str(tmp_path)}}), env=replay_env())
    banner = "".join(o.get("text", "") for o in notebook.cells[0].outputs)
    assert banner.startswith("Kit ready: 00_setup replays every step from notebooks/recordings/00_setup.yaml")
    assert "".join(o.get("text", "") for o in notebook.cells[1].outputs) == EXPECTED


def test_nbval_runs_the_replay_kernel_blocked_as_make_test_does(tmp_path):
    path = tmp_path / "tiny_blocked.ipynb"
    nbformat.write(tiny_notebook(with_outputs=True), path)
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-p", "no:cacheprovider", "-q",
         "--rootdir", str(tmp_path), "-c", str(tmp_path / "pytest.ini"), str(path)],
        cwd=tmp_path, env=replay_env(), capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout


@pytest.mark.parametrize("attempt, target", [
    (lambda: socket.gethostbyname("example-resource.openai.azure.com"), "example-resource.openai.azure.com"),
    (lambda: socket.gethostbyname_ex("example-resource.openai.azure.com"), "example-resource.openai.azure.com"),
    (lambda: socket.gethostbyaddr("192.0.2.1"), "192.0.2.1"),
    (lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"?", ("192.0.2.1", 53)), "192.0.2.1:53"),
    (lambda: socket.socket(socket.AF_INET6).connect(("2001:db8::1", 443)), "2001:db8::1:443"),
], ids=["gethostbyname", "gethostbyname_ex", "gethostbyaddr", "udp-sendto", "ipv6-connect"])
def test_blocked_network_refuses_every_kind_of_lookup_and_datagram(attempt, target, blocked):
    with pytest.raises(NetworkBlockedError, match=target.replace(".", r"\.")):
        attempt()


def test_leaving_a_blocked_section_restores_the_guard_that_was_there_before():
    with network.blocked(), pytest.raises(NetworkBlockedError, match="never uses the network"):
        socket.create_connection(("192.0.2.1", 443), timeout=1)
    assert network.is_blocked()
    with pytest.raises(NetworkBlockedError, match="only connect to the loopback servers"):  # the tests' own guard
        socket.create_connection(("192.0.2.1", 443), timeout=1)


def test_the_test_session_guard_allows_only_the_tests_loopback_servers():
    with FakeAzure() as server:
        socket.create_connection(("127.0.0.1", server.port), timeout=2).close()
        port = server.port
    with pytest.raises(NetworkBlockedError, match=rf"127\.0\.0\.1:{port}"):
        socket.create_connection(("127.0.0.1", port), timeout=2)  # stopped: no longer on the list
    with pytest.raises(NetworkBlockedError, match=r"pypi\.org \(name lookup\)"):
        socket.getaddrinfo("pypi.org", 443)



WINDOWS_SOCKETPAIR = """
import asyncio, socket, sys
sys.path.insert(0, sys.argv[1])


def socketpair(family=socket.AF_INET, type=socket.SOCK_STREAM, proto=0):
    # As CPython's socket.py builds it on Windows: two TCP sockets joined over loopback.
    listener = socket.socket(family, type, proto)
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        client = socket.socket(family, type, proto)
        client.connect(listener.getsockname())
        server, _ = listener.accept()
    finally:
        listener.close()
    return server, client


socket.socketpair = socketpair
from helpers import network
from helpers.errors import NetworkBlockedError

network.block()
loop = asyncio.new_event_loop()  # the selector loop's self-pipe is a socketpair
print(loop.run_until_complete(asyncio.sleep(0, result="the event loop ran")))
loop.close()
try:
    socket.create_connection(("127.0.0.1", 9), timeout=1)
except NetworkBlockedError:
    print("loopback outside socketpair refused")
"""


def test_the_guard_lets_asyncios_self_pipe_connect_over_loopback_as_on_windows():
    result = subprocess.run([sys.executable, "-c", WINDOWS_SOCKETPAIR, str(ROOT)], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines() == ["the event loop ran", "loopback outside socketpair refused"]
