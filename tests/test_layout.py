"""The repo keeps its promises: exact pins, the same pins for conda, two commands, CI runs only `make test`."""

import re

import yaml

from helpers.cassettes import ROOT

PINNED = ("azure-ai-inference==1.0.0b9", "azure-core==", "azure-identity==", "openai==", "aiohttp==",
          "python-dotenv==", "jupyterlab==", "nbval==", "vcrpy==", "pytest==", "pytest-xdist==")


def requirement_lines():
    return [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and not line.startswith("#")]


def test_every_requirement_is_an_exact_pin():
    for line in requirement_lines():
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", line), line


def test_the_packages_the_issue_names_are_pinned():
    lines = requirement_lines()
    for prefix in PINNED:
        assert any(line.lower().startswith(prefix) for line in lines), prefix


def test_environment_yml_names_the_same_pins_as_requirements():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    assert sorted(pip) == sorted(requirement_lines())
    assert "python=3.11" in environment["dependencies"]


def test_ci_runs_make_test_and_nothing_else():
    commands = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
                if line.strip() and not line.startswith("#") and not line.startswith(("set ", "cd "))]
    assert commands == ["make test"]


def test_readme_shows_the_two_commands_and_the_rest():
    readme = (ROOT / "README.md").read_text()
    for text in ("make lab", "make test", 'make lab ARGS="--no-browser --port=8899"', "cp .env.example .env",
                 "make run", "make record", "environment.yml", "make bench"):
        assert text in readme, text




def test_strict_nbval_is_configured_and_lax_is_not():
    config = (ROOT / "pyproject.toml").read_text()
    assert '"--nbval"' in config and "--dist" in config and "loadfile" in config
    assert "lax" not in config
