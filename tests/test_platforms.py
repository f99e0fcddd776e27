"""The kit stays buildable where workshops run it: Codespaces / VS Code (.devcontainer) and Binder / JupyterHub
(repo2docker: environment.yml, checked against requirements.txt in test_layout.py, plus postBuild)."""

import json
import os
import re
import subprocess
import sys

import yaml

from helpers.paths import ROOT

DEVCONTAINER = ROOT / ".devcontainer" / "devcontainer.json"
POSTBUILD = ROOT / "postBuild"


def devcontainer():
    """devcontainer.json is JSON with comments: drop the // comment lines, then parse it strictly."""
    lines = [line for line in DEVCONTAINER.read_text().splitlines() if not line.lstrip().startswith("//")]
    return json.loads("\n".join(lines))


def makefile_targets():
    return set(re.findall(r"^([A-Za-z][\w-]*):", (ROOT / "Makefile").read_text(), flags=re.MULTILINE))


def test_devcontainer_parses_and_uses_the_python_that_environment_yml_pins():
    config = devcontainer()
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    python = next(item for item in environment["dependencies"] if str(item).startswith("python="))
    assert re.search(rf"python:\S*\b{re.escape(python.removeprefix('python='))}\b", config["image"]), config["image"]


def test_devcontainer_sets_up_the_kit_with_a_make_target_that_exists():
    command = devcontainer()["postCreateCommand"].split()
    assert command[0] == "make" and command[1:] and set(command[1:]) <= makefile_targets(), command


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
