"""The GitHub workflows, by what they do: each is valid against GitHub's workflow schema (checked offline), and every
command a job runs resolves in this checkout, as far as it can without running it: each make target exists and what
`make -n` would run names modules that import and pinned files that exist; the Windows job's command is one that
tools.kit knows; each bash script parses. The text itself is tested only where it is the promise: which commands CI
runs, the Python matrix (tools/kit.py's OLDEST to NEWEST), actions pinned by version, the weekly drift run, and the
docs that say what runs where."""

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers.paths import ROOT
from tests.support.make import dry_run, needs_make
from tools import kit, test_latest

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
UNREACHABLE = "http://127.0.0.1:9"  # any attempt to fetch a schema fails, so passing proves it works offline
# What each workflow runs, as docs/maintainers.md's "What runs where" says it.
PROMISED = {
    "ci.yml": {"make test", "python -m tools.kit test", "make run", "make test-hook", "make test-browser"},
    "drift.yml": {"make test-latest"},
}


def workflow(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps():
    """(label, job, step) for every step of every workflow."""
    return [(f"{path.name}:{name}:{number}", job, step) for path in WORKFLOWS
            for name, job in workflow(path)["jobs"].items() for number, step in enumerate(job["steps"], start=1)]


def one_line_commands():
    """(workflow file, step label, command) for every one-line run: step, without its PYTHON=... argument."""
    found = []
    for label, _, step in steps():
        if "run" in step and "\n" not in step["run"].strip():
            words = [word for word in shlex.split(step["run"]) if not word.startswith("PYTHON=")]
            found.append((label.split(":")[0], label, shlex.join(words)))
    return found


def commands(kind):
    """pytest params of the one-line commands whose first word is kind, each once."""
    found = {command: label for _, label, command in reversed(one_line_commands()) if command.split()[0] == kind}
    return [pytest.param(command, id=label) for command, label in sorted(found.items())]


def supported():
    return [f"{kit.OLDEST[0]}.{minor}" for minor in range(kit.OLDEST[1], kit.NEWEST[1] + 1)]


def check_schema(path):
    program = Path(sys.executable).parent / "check-jsonschema"
    environment = {**os.environ, "HTTP_PROXY": UNREACHABLE, "HTTPS_PROXY": UNREACHABLE, "NO_PROXY": ""}
    return subprocess.run([str(program), "--builtin-schema", "vendor.github-workflows", str(path)], env=environment,
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_the_workflow_is_valid_against_githubs_schema_without_network(path):
    done = check_schema(path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_offline_schema_check_refuses_a_job_github_would_refuse(tmp_path):
    broken = workflow(WORKFLOWS[0])
    del next(iter(broken["jobs"].values()))["runs-on"]
    (tmp_path / "broken.yml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    done = check_schema(tmp_path / "broken.yml")
    assert done.returncode == 1 and "runs-on" in done.stdout + done.stderr, done.stdout + done.stderr


@needs_make
@pytest.mark.parametrize("command", commands("make"))
def test_each_make_target_a_workflow_runs_resolves_to_modules_and_files_that_exist(command):
    done = dry_run(*shlex.split(command)[1:], "PYTHON=python")
    assert done.returncode == 0, done.stderr
    modules = re.findall(r"-m ([\w.]+)", done.stdout)
    assert modules, done.stdout
    assert [name for name in modules if importlib.util.find_spec(name) is None] == []
    assert all(kit.parse(shlex.split(rest))[0] for rest in re.findall(r"-m tools\.kit (.*)", done.stdout))
    assert [name for name in re.findall(r"-r (\S+)", done.stdout) if not (ROOT / name).is_file()] == []


@needs_make
def test_a_dry_run_of_a_target_that_does_not_exist_fails():
    assert dry_run("no-such-target").returncode != 0


@pytest.mark.parametrize("command", commands("python"))
def test_each_command_without_make_is_one_tools_kit_knows(command):
    words = shlex.split(command)
    assert words[1] == "-m" and importlib.util.find_spec(words[2]) is not None, command
    assert words[2] != "tools.kit" or kit.parse(words[3:])[0] is not None, command


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_every_bash_script_of_a_workflow_parses():
    scripts = [(label, step["run"]) for label, _, step in steps()
               if "run" in step and step.get("shell", "bash") == "bash"]
    assert scripts
    for label, script in scripts:
        done = subprocess.run(["bash", "-n", "-c", script], capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{label}: {done.stderr}"


@needs_make
def test_the_handouts_and_the_compatibility_table_are_uploaded_from_where_the_kit_writes_them():
    uploads = {label.split(":")[1]: step["with"]["path"].split() for label, _, step in steps()
               if step.get("uses", "").startswith("actions/upload-artifact@")}
    handouts = re.search(r"--html (\S+)", dry_run("run", "PYTHON=python").stdout)[1]
    assert uploads["handouts"] == [f"{handouts}/"]
    written = [path.relative_to(ROOT).as_posix() for path in (test_latest.TABLE, test_latest.REPORT)]
    assert uploads["test-latest"] == written


def test_every_file_a_pip_cache_depends_on_exists():
    """setup-python fails a job whose cache-dependency-path matches no file."""
    paths = [(label, name) for label, _, step in steps() if step.get("uses", "").startswith("actions/setup-python@")
             for name in step["with"]["cache-dependency-path"].split()]
    assert paths
    assert [(label, name) for label, name in paths if not (ROOT / name).is_file()] == []


def test_each_workflow_runs_what_the_docs_promise_and_only_the_windows_job_goes_without_make():
    ran = {}
    for name, _, command in one_line_commands():
        ran.setdefault(name, set()).add(command)
    assert ran == PROMISED
    windows = [step for _, job, step in steps() if job["runs-on"] == "windows-latest" and "run" in step]
    assert [(step["shell"], step["run"]) for step in windows] == [("pwsh", "python -m tools.kit test")]


def test_ci_runs_every_supported_python_on_ubuntu_and_the_newest_on_macos():
    matrix = workflow(ROOT / ".github" / "workflows" / "ci.yml")["jobs"]["test"]["strategy"]["matrix"]
    assert matrix["os"] == ["ubuntu-latest"] and matrix["python"] == supported()
    assert matrix["include"] == [{"os": "macos-latest", "python": supported()[-1]}]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_by_version(path):
    used = [step["uses"] for label, _, step in steps() if label.startswith(path.name + ":") and "uses" in step]
    assert used
    for action in used:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})", action), action


def test_only_the_browser_job_may_fail_without_failing_ci():
    optional = {name for path in WORKFLOWS for name, job in workflow(path)["jobs"].items()
                if job.get("continue-on-error")}
    assert optional == {"browser"}


def test_drift_runs_every_monday_and_on_demand():
    triggers = workflow(ROOT / ".github" / "workflows" / "drift.yml")[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "1"] and "workflow_dispatch" in triggers


def test_the_docs_say_what_runs_where_with_the_status_badge():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    maintainers = (ROOT / "docs" / "maintainers.md").read_text(encoding="utf-8")
    section = maintainers[maintainers.index("## What runs where"):]
    assert re.search(r"\[!\[CI\]\(.*actions/workflows/ci\.yml/badge\.svg\)\]\(.*actions/workflows/ci\.yml\)", readme)
    named = {path.name for path in WORKFLOWS} | set().union(*PROMISED.values())
    named |= {job["runs-on"] for _, job, _ in steps() if not job["runs-on"].startswith("${{")}
    assert [name for name in sorted(named) if name not in section] == []
    assert f"{', '.join(supported()[:-1])} and {supported()[-1]}" in section
