"""The offline install of docs/instructor.md, on one small pin: `pip download` fills a wheelhouse on a machine with
network, and a fresh venv installs from it alone (`--no-index --find-links`, no pip configuration), the way `make lab`
does in a room with none (PIP_NO_INDEX and PIP_FIND_LINKS reach its pip)."""

import os
import subprocess
import sys
import venv

from helpers.cassettes import ROOT

PACKAGE = "python-dotenv"


def pin(name):
    return next(line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()
                if line.lower().startswith(f"{name}=="))


def run(*command, **environment):
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False,
                            env={**os.environ, **environment})
    assert result.returncode == 0, result.stdout[-1500:] + result.stderr[-1500:]
    return result.stdout


def test_a_wheelhouse_from_pip_download_installs_a_pin_into_a_fresh_venv_with_no_index(tmp_path):
    wheelhouse, fresh = tmp_path / "wheelhouse", tmp_path / "venv"
    (tmp_path / "requirements.txt").write_text(pin(PACKAGE) + "\n")
    run(sys.executable, "-m", "pip", "download", "--only-binary=:all:", "-r", str(tmp_path / "requirements.txt"),
        "-d", str(wheelhouse))
    assert [path.name.split("-")[0] for path in wheelhouse.iterdir()] == ["python_dotenv"]
    venv.create(fresh, with_pip=True)
    python = str(fresh / "bin" / "python")
    offline = {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheelhouse)}
    run(python, "-m", "pip", "install", "--quiet", "-r", str(tmp_path / "requirements.txt"), **offline)
    installed = run(python, "-c", "import importlib.metadata as m, dotenv; print(m.version('python-dotenv'))")
    assert installed.strip() == pin(PACKAGE).split("==")[1]
