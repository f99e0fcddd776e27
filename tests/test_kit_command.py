"""python -m tools.kit: the one implementation of `make lab` and `make test`, and the path for Windows without make.

The plans are pure, so the Windows plan is checked here on any machine; the CI Windows job runs it for real.
"""

import ast
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path, PureWindowsPath

import pytest

from helpers.paths import ROOT
from tests.support.make import dry_run, needs_make
from tools import kit

WINDOWS_CHECKOUT = PureWindowsPath(r"C:\Users\Zoë\OneDrive - Contoso\Mes projets\kit")


@needs_make
def test_make_lab_and_make_test_run_the_kit_entry_point_with_their_arguments(tmp_path):
    venv = tmp_path / "venv"  # not set up: make lab sets it up first

    def would_run(*arguments):
        done = dry_run(*arguments, "PYTHON=py", f"VENV={venv}")
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()

    assert would_run("lab", "ARGS=--no-browser") == [f"py -m tools.kit setup --venv {venv}",
                                                     f"py -m tools.kit lab --venv {venv} --no-browser"]
    assert would_run("test", "PYTEST_ARGS=-x") == [f"py -m tools.kit test --venv {venv} -x"]


def test_test_runs_pytest_in_the_venv_in_replay_with_pacing_off():
    command, environment = kit.run_command("test", "/repo/.venv", False, ["-n", "0", "tests/test_kit.py"])
    assert command == ["/repo/.venv/bin/python", "-m", "pytest", "--nbval", "-n", "auto", "--dist", "loadfile",
                       "-n", "0", "tests/test_kit.py"]
    assert environment == {"NOTEBOOK_REPLAY_PACE": "", "NOTEBOOK_MODE": "replay"}


def test_lab_opens_00_setup_and_forwards_its_arguments():
    command, environment = kit.run_command("lab", "/repo/.venv", False, ["--no-browser", "--port=8899"])
    assert command == ["/repo/.venv/bin/python", "-m", "jupyter", "lab", "notebooks/00_setup.ipynb", "--no-browser",
                       "--port=8899"]
    assert environment == {}


def test_windows_plan_uses_scripts_python_exe_and_keeps_a_path_with_spaces_and_accents_whole():
    venv = WINDOWS_CHECKOUT / ".venv"
    python = r"C:\Python313\python.exe"
    steps = kit.setup_commands(python, WINDOWS_CHECKOUT, venv, windows=True)
    inside = r"C:\Users\Zoë\OneDrive - Contoso\Mes projets\kit\.venv\Scripts\python.exe"
    assert steps[0] == [python, "-m", "venv", str(venv)]
    assert steps[1][0] == inside and steps[1][-2:] == ["-r", str(WINDOWS_CHECKOUT / "requirements.txt")]
    assert steps[2][0] == inside and steps[2][-1] == str(WINDOWS_CHECKOUT)
    assert kit.run_command("test", venv, True, [])[0][0] == inside


def test_setup_creates_the_venv_installs_the_pins_links_the_repo_and_registers_the_kernel_in_that_order():
    steps = kit.setup_commands("python3", Path("/repo"), Path("/repo/.venv"), windows=False)
    assert [step[1:3] for step in steps] == [["-m", "venv"], ["-m", "pip"], ["-c", kit.PTH], ["-m", "ipykernel"]]
    assert steps[1][-2:] == ["-r", "/repo/requirements.txt"]
    tests = kit.setup_commands("python3", Path("/repo"), Path("/repo/.venv"), windows=False, use="test")
    assert tests[1][-4:] == ["-r", "/repo/requirements.txt", "-r", "/repo/requirements-test.txt"]
    assert steps[3][-4:] == ["--name", "azure-ai-kit", "--display-name", "Python (azure-ai kit)"]


def test_test_sets_up_again_for_its_tools_after_lab_and_lab_not_again_after_test(tmp_path):
    for name in ("requirements.txt", "requirements-test.txt"):
        (tmp_path / name).write_text("")
    venv = tmp_path / ".venv"
    venv.mkdir()
    assert kit.needs_setup(tmp_path, venv, "lab") and kit.needs_setup(tmp_path, venv, "test")
    kit.mark_ready(venv, "lab")
    assert not kit.needs_setup(tmp_path, venv, "lab") and kit.needs_setup(tmp_path, venv, "test")
    kit.mark_ready(venv, "test")
    assert not kit.needs_setup(tmp_path, venv, "lab") and not kit.needs_setup(tmp_path, venv, "test")
    later = kit.ready_mark(venv, "test").stat().st_mtime + 10
    os.utime(tmp_path / "requirements-test.txt", (later, later))  # a new test pin
    assert not kit.needs_setup(tmp_path, venv, "lab") and kit.needs_setup(tmp_path, venv, "test")


@pytest.mark.parametrize("version", [(3, 8, 18), (3, 10, 13)])
def test_an_older_python_is_refused_with_one_line_that_names_the_fix(version):
    line = kit.version_problem(version)
    assert "\n" not in line
    assert line.startswith("The kit needs Python 3.11 to 3.13; this is ")
    assert "make PYTHON=python3.13 test" in line


def test_on_windows_the_refusal_names_the_py_launcher():
    assert "py -3.13 -m tools.kit lab" in kit.version_problem((3, 10, 4), windows=True)


@pytest.mark.parametrize("version", [(3, 11, 0), (3, 12, 1), (3, 13, 0)])
def test_python_311_to_313_are_accepted(version):
    assert kit.version_problem(version) is None


def test_the_entry_point_parses_as_python_36_so_an_old_interpreter_gets_the_line_and_not_a_traceback():
    ast.parse((ROOT / "tools" / "kit.py").read_text(encoding="utf-8"), feature_version=(3, 6))


def test_the_python_range_agrees_with_pyproject():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert declared == f">={kit.OLDEST[0]}.{kit.OLDEST[1]},<{kit.NEWEST[0]}.{kit.NEWEST[1] + 1}"


def test_check_accepts_this_interpreter_for_real():
    done = subprocess.run([sys.executable, "-m", "tools.kit", "check"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert (done.returncode, done.stderr) == (0, "")


def test_without_a_subcommand_it_prints_the_usage_and_exits_2():
    done = subprocess.run([sys.executable, "-m", "tools.kit"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 2 and done.stderr.startswith("Usage: python -m tools.kit {lab,test,setup,check}")


def test_the_link_step_makes_helpers_importable_from_a_venv_in_a_path_with_spaces_and_accents(tmp_path):
    venv = tmp_path / "OneDrive - Contoso" / "Mes projets é" / ".venv"
    steps = kit.setup_commands(sys.executable, ROOT, venv, windows=os.name == "nt")
    subprocess.run(steps[0] + ["--without-pip"], check=True)
    subprocess.run(steps[2], check=True)
    found = subprocess.run([kit.venv_python(venv, os.name == "nt"), "-c", "import helpers; print(helpers.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True)
    assert Path(found.stdout.strip()) == ROOT / "helpers" / "__init__.py"


def test_the_readme_shows_the_windows_path_beside_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    two_commands = readme[readme.index("## Two commands"):readme.index("## The notebooks")]
    assert re.search(r"```powershell\n(.*\n)*?py -m tools\.kit lab\n(.*\n)*?py -m tools\.kit test\n", two_commands)


def test_az_cmd_is_a_crlf_batch_file_that_runs_the_stand_in_beside_it_with_every_argument():
    lines = (ROOT / "helpers" / "offline_az" / "az.cmd").read_bytes().split(b"\r\n")
    assert lines == [b"@echo off", b'python "%~dp0az" %*', b""]


def test_the_command_az_cmd_runs_gives_azure_identity_a_token_it_parses():
    from azure.identity._credentials.azure_cli import parse_token

    folder = ROOT / "helpers" / "offline_az"
    arguments = ["account", "get-access-token", "--output", "json", "--resource", "https://cognitiveservices.azure.com"]
    # cmd expands %~dp0 to the batch file's folder with a trailing separator, and %* to the arguments
    line = (folder / "az.cmd").read_text().splitlines()[1]
    program = line.split('"')[1].replace("%~dp0", str(folder) + os.sep)
    done = subprocess.run([sys.executable, program, *arguments], capture_output=True, text=True, check=True)
    assert parse_token(done.stdout).token == "replay-entra-token"


def test_plain_pytest_on_one_file_runs_in_this_process_without_workers():
    ran = subprocess.run([sys.executable, "-m", "pytest", "-q", "tests/test_modes.py"], cwd=kit.ROOT,
                         capture_output=True, text=True, timeout=120, check=False)
    assert ran.returncode == 0, ran.stdout[-1500:]
    assert "workers" not in ran.stdout and "bringing up nodes" not in ran.stdout
    assert ran.stdout.splitlines()[-1].startswith("12 passed")
