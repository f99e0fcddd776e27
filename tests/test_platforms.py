"""The kit stays buildable where workshops run it: Codespaces / VS Code (.devcontainer) and Binder / JupyterHub
(repo2docker: environment.yml, checked against requirements.txt in test_layout.py, plus postBuild)."""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import yaml

from helpers.paths import ROOT
from tests.support import loopback
from tools import kit

DEVCONTAINER = ROOT / ".devcontainer" / "devcontainer.json"
POSTBUILD = ROOT / "postBuild"


def devcontainer():
    """devcontainer.json is JSON with comments: drop the // comment lines, then parse it strictly."""
    lines = [line for line in DEVCONTAINER.read_text().splitlines() if not line.lstrip().startswith("//")]
    return json.loads("\n".join(lines))


def test_devcontainer_parses_and_uses_the_python_that_environment_yml_pins():
    config = devcontainer()
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    python = next(item for item in environment["dependencies"] if str(item).startswith("python="))
    assert re.search(rf"python:\S*\b{re.escape(python.removeprefix('python='))}\b", config["image"]), config["image"]


def test_devcontainer_sets_up_the_kit_on_creation_and_runs_no_tests():
    command = devcontainer()["postCreateCommand"].split()
    assert command[:3] == ["python3", "-m", "tools.kit"], command
    assert kit.parse(command[3:]) == ("setup", None, []), "setting up only: make test would make a learner wait"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_devcontainer_starts_jupyterlab_in_the_background_on_the_forwarded_port(tmp_path):
    config = devcontainer()
    command, port = config["postStartCommand"], free_port()
    assert "--port=8888" in command and "/tmp/jupyterlab.log" in command and command.endswith("&")
    command = command.replace("--port=8888", f"--port={port}").replace("/tmp/jupyterlab.log", str(tmp_path / "log"))
    if os.geteuid() == 0:  # the container's user is vscode; Jupyter refuses root unless told
        command = command.replace(" --no-browser", " --no-browser --allow-root")
    environment = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    started = time.monotonic()
    shell = subprocess.run(["bash", "-c", f"echo $$; {command}"], cwd=ROOT, env=environment, capture_output=True,
                           stdin=subprocess.DEVNULL,
                           text=True, timeout=30, start_new_session=True, check=True)
    group = int(shell.stdout.split()[0])
    assert time.monotonic() - started < 10, "the command returns at once and leaves JupyterLab running"
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # a proxy of the shell never sees loopback
    loopback.SERVER_PORTS.add(port)  # the tests' network guard lets this test reach the server it starts
    try:
        answer = None
        while answer is None and time.monotonic() - started < 90:
            try:
                with direct.open(f"http://127.0.0.1:{port}/api", timeout=5) as reply:
                    answer = json.loads(reply.read())
            except OSError:
                time.sleep(1)
        assert answer and "version" in answer, (tmp_path / "log").read_text()
        assert "/lab" in (tmp_path / "log").read_text()
    finally:
        loopback.SERVER_PORTS.discard(port)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGTERM)


def test_devcontainer_forwards_the_lab_port_and_recommends_the_jupyter_and_python_extensions():
    config = devcontainer()
    assert 8888 in config["forwardPorts"]
    assert {"ms-toolsai.jupyter", "ms-python.python"} <= set(config["customizations"]["vscode"]["extensions"])


def test_postbuild_is_an_executable_bash_script():
    assert POSTBUILD.read_text().startswith("#!/usr/bin/env bash\n")
    assert os.access(POSTBUILD, os.X_OK), "repo2docker runs postBuild only if it is executable: chmod +x postBuild"


def test_postbuild_makes_the_repo_importable_from_the_environment_it_runs_in(tmp_path):
    environment = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(environment)], check=True)
    python = environment / "bin" / "python"
    path = {**os.environ, "PATH": f"{environment / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run([str(POSTBUILD)], cwd=ROOT, env=path, check=True)
    where = "import importlib.util; print(importlib.util.find_spec('helpers').origin)"
    found = subprocess.run([str(python), "-c", where], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == str(ROOT / "helpers" / "__init__.py")
