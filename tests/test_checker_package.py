"""The migration checker is a package of its own: its wheel builds from its folder and pyproject.toml alone, holds
openai_v1_migrate and nothing of the kit, and, installed into an empty venv with only the dependencies it declares,
runs as the pre-commit hook runs it.

The dependencies are copied into that venv from this one, file by file as each distribution's RECORD lists them
(PyPI is not reached); the closure is read from the wheel's own Requires-Dist, so a checker that imported anything
it does not declare would fail here.
"""

import email.parser
import json
import os
import shlex
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from helpers.paths import ROOT
from tests.support.pins import needs, pinned

LEGACY = "import openai\nopenai.api_base = 'https://x.openai.azure.com/'\n"
NOTEBOOK_CELL = """import os
import openai
openai.api_type = "azure"
openai.api_base = "https://x.openai.azure.com/"
openai.api_version = "2024-06-01"
openai.api_key = os.environ["AZURE_OPENAI_API_KEY"]
response = openai.Completion.create(engine="gpt", prompt="Hi")
"""


def _alone(venv):
    """An environment that reaches only venv: its scripts on PATH, and no PYTHONPATH (which would reach the kit)."""
    return {"PATH": str(_bin(venv, "python").parent), "SYSTEMROOT": os.environ.get("SYSTEMROOT", "")}


def _bin(venv, name):
    return venv / ("Scripts" if os.name == "nt" else "bin") / (name + (".exe" if os.name == "nt" else ""))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    source = tmp_path_factory.mktemp("source")
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copytree(ROOT / "openai_v1_migrate", source / "openai_v1_migrate",
                    ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(out), str(source)], check=True, capture_output=True)
    [built] = out.glob("*.whl")
    return built


def _wheel_metadata(wheel):
    with zipfile.ZipFile(wheel) as archive:
        [name] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return email.parser.Parser().parsestr(archive.read(name).decode())


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """An empty venv (no pip, no site packages) with the wheel installed by pip and its declared closure copied in."""
    venv = tmp_path_factory.mktemp("empty venv é") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = _bin(venv, "python")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--disable-pip-version-check", "--no-index", "--no-deps", str(wheel)], check=True)
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    for name in needs(_wheel_metadata(wheel).get_all("Requires-Dist")):
        for file in metadata.distribution(name).files:
            if file.parts[0] != ".." and file.suffix != ".pyc":  # the package's files, not its scripts
                target = purelib / file
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(file.locate(), target)
    return venv


def test_the_wheel_is_the_checker_alone_with_its_command_and_the_kits_pins(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert {name.split("/")[0] for name in names} == {"openai_v1_migrate", "openai_v1_migrate-0.dist-info"}
    assert "openai_v1_migrate/retirements.py" in names and "openai_v1_migrate/__main__.py" in names
    assert "openai-v1-migrate = openai_v1_migrate.cli:main" in entry_points
    pins = pinned("requirements.txt")
    declared = [Requirement(line) for line in _wheel_metadata(wheel).get_all("Requires-Dist")]
    assert {r.name: str(r.specifier) for r in declared} == {"libcst": f"=={pins['libcst']}",
                                                            "ipython": f"=={pins['ipython']}"}


def test_installed_alone_the_hook_entry_reports_legacy_code_and_passes_v1_code(installed, tmp_path):
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["language"] == "python"
    (tmp_path / "old.py").write_text(LEGACY)
    (tmp_path / "new.py").write_text("from openai import OpenAI\n")
    env = _alone(installed)

    def hook_on(name):
        command = shlex.split(hook["entry"])
        command[0] = shutil.which(command[0], path=env["PATH"])  # pre-commit runs it from the hook's venv
        return subprocess.run([*command, name], cwd=tmp_path, capture_output=True, text=True, env=env, check=False)

    bad, good = hook_on("old.py"), hook_on("new.py")
    assert (bad.returncode, good.returncode) == (1, 0), bad.stderr + good.stderr
    assert "old.py:2: openai.api_base = ..." in bad.stdout


def test_installed_alone_it_fixes_a_notebook_and_cannot_reach_the_kit(installed, tmp_path):
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                           "source": NOTEBOOK_CELL}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "old.ipynb").write_text(json.dumps(notebook))
    python = str(_bin(installed, "python"))
    fixed = subprocess.run([python, "-m", "openai_v1_migrate", "--fix", "old.ipynb"], cwd=tmp_path,
                           capture_output=True, text=True, env=_alone(installed), check=False)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "client.completions.create(" in (tmp_path / "old.ipynb").read_text()
    kit = subprocess.run([python, "-c", "import helpers"], cwd=tmp_path, capture_output=True, text=True,
                         env=_alone(installed), check=False)
    assert "No module named 'helpers'" in kit.stderr
