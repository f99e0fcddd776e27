"""The GitHub workflows: valid against GitHub's schema (offline), actions pinned, and doing what the README says."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers.paths import ROOT
from tools import kit

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
UNREACHABLE = "http://127.0.0.1:9"  # any attempt to fetch a schema fails, so passing proves it works offline


def workflow(name):
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())


def steps(job):
    return job["steps"]


def runs(job):
    return [step.get("run", "") for step in steps(job)]


def uses(job, action):
    return [step for step in steps(job) if step.get("uses", "").startswith(action + "@")]


def test_both_workflows_exist():
    assert [path.name for path in WORKFLOWS] == ["ci.yml", "drift.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_the_workflow_is_valid_against_githubs_schema_without_network(path):
    check = Path(sys.executable).parent / "check-jsonschema"
    environment = {**os.environ, "HTTP_PROXY": UNREACHABLE, "HTTPS_PROXY": UNREACHABLE, "NO_PROXY": ""}
    done = subprocess.run([str(check), "--builtin-schema", "vendor.github-workflows", str(path)], env=environment,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_by_version(path):
    used = re.findall(r"uses:\s*(\S+)", path.read_text())
    assert used
    for action in used:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})", action), action


def test_ci_runs_make_test_on_ubuntu_for_every_supported_python_and_on_macos():
    job = workflow("ci.yml")["jobs"]["test"]
    matrix = job["strategy"]["matrix"]
    supported = [f"3.{minor}" for minor in range(kit.OLDEST[1], kit.NEWEST[1] + 1)]
    assert matrix["os"] == ["ubuntu-latest"] and matrix["python"] == supported
    assert [entry["os"] for entry in matrix["include"]] == ["macos-latest"]
    assert "make test PYTHON=python" in runs(job)


def test_every_python_setup_caches_pip_on_requirements_txt():
    for name in ("ci.yml", "drift.yml"):
        for job in workflow(name)["jobs"].values():
            [setup] = uses(job, "actions/setup-python")
            assert setup["with"]["cache"] == "pip"
            assert "requirements.txt" in setup["with"]["cache-dependency-path"].split()


def test_the_windows_job_runs_the_readmes_path_without_make_in_powershell():
    job = workflow("ci.yml")["jobs"]["windows"]
    assert job["runs-on"] == "windows-latest"
    [step] = [step for step in steps(job) if "run" in step]
    assert (step["shell"], step["run"]) == ("pwsh", "python -m tools.kit test")
    assert not any("make" in run.split() for run in runs(job))


def test_the_browser_smoke_test_is_optional_and_uploads_its_screenshot():
    job = workflow("ci.yml")["jobs"]["browser"]
    assert job["continue-on-error"] is True and "make test-browser PYTHON=python" in runs(job)
    [upload] = uses(job, "actions/upload-artifact")
    assert upload["if"] == "always()" and upload["with"]["path"] == "build/browser-smoke.png"


def test_ci_installs_and_runs_the_pre_commit_hook_as_a_team_would():
    job = workflow("ci.yml")["jobs"]["hook"]
    assert "continue-on-error" not in job and "make test-hook PYTHON=python" in runs(job)


def test_the_handouts_of_make_run_are_uploaded():
    job = workflow("ci.yml")["jobs"]["handouts"]
    assert "make run PYTHON=python" in runs(job)
    [upload] = uses(job, "actions/upload-artifact")
    assert upload["with"]["path"] == "build/"


def test_drift_runs_weekly_and_on_demand_and_publishes_its_table():
    drift = workflow("drift.yml")
    triggers = drift[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "1"] and "workflow_dispatch" in triggers
    job = drift["jobs"]["test-latest"]
    assert "make test-latest PYTHON=python" in runs(job)
    summary = next(run for run in runs(job) if "GITHUB_STEP_SUMMARY" in run)
    assert "cat build/test-latest.txt" in summary
    [upload] = uses(job, "actions/upload-artifact")
    assert "build/test-latest.txt" in upload["with"]["path"].split()


def test_the_readme_says_what_runs_where_with_the_status_badge():
    readme = (ROOT / "README.md").read_text()
    maintainers = (ROOT / "docs" / "maintainers.md").read_text()
    section = maintainers[maintainers.index("## What runs where"):]
    assert re.search(r"\[!\[CI\]\(.*actions/workflows/ci\.yml/badge\.svg\)\]\(.*actions/workflows/ci\.yml\)", readme)
    for job in ("ci.yml", "drift.yml", "windows-latest", "macos-latest", "3.11, 3.12 and 3.13"):
        assert job in section, job
