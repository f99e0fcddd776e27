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


def test_readme_shows_the_two_commands_and_the_maintainers_page_the_rest():
    readme = (ROOT / "README.md").read_text()
    for text in ("make lab", "make test", 'make lab ARGS="--no-browser --port=8899"', "cp .env.example .env",
                 "docs/maintainers.md"):
        assert text in readme, text
    maintainers = (ROOT / "docs" / "maintainers.md").read_text()
    for text in ("make run", "make record", "environment.yml", "make bench", "make synth", "make test-latest"):
        assert text in maintainers, text


def test_the_readme_part_for_learners_is_under_800_words():
    readme = (ROOT / "README.md").read_text()
    assert "\n## Reference\n" in readme, "the learner part ends where the Reference section starts"
    learner_part = readme[:readme.index("\n## Reference\n")]
    assert len(learner_part.split()) < 800


def test_the_readme_launches_codespaces_and_binder_for_the_repository_of_its_ci_badge():
    readme = (ROOT / "README.md").read_text()
    [repository] = set(re.findall(r"https://github\.com/([^/]+/[^/]+)/actions/workflows/ci\.yml", readme))
    assert f"(https://codespaces.new/{repository})" in readme
    assert f"(https://mybinder.org/v2/gh/{repository}/HEAD?urlpath=lab/tree/notebooks/00_setup.ipynb)" in readme
    assert (ROOT / "notebooks" / "00_setup.ipynb").exists()


def test_the_links_of_the_readme_and_the_maintainers_page_lead_to_files_that_exist():
    for page in (ROOT / "README.md", ROOT / "docs" / "maintainers.md"):
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text()):
            assert (page.parent / target).exists(), f"{page.name} links {target}"




def test_strict_nbval_is_configured_and_lax_is_not():
    config = (ROOT / "pyproject.toml").read_text()
    assert '"--nbval"' in config and "--dist" in config and "loadfile" in config
    assert "lax" not in config
