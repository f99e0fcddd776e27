"""The repo keeps its promises: exact pins in two files, the learner's pins for conda, two commands, CI runs only
`make test`."""

import re
from importlib import metadata

import yaml

from helpers.paths import ROOT
from tests.support.pins import needs, pinned, requirement_lines
from tools.kit import PINS

PINNED = ("azure-ai-inference==1.0.0b9", "azure-core==", "azure-identity==", "openai==", "aiohttp==",
          "python-dotenv==", "jupyterlab==", "nbval==", "vcrpy==", "pytest==", "pytest-xdist==")
KERNEL, TESTS = PINS["test"]  # the learner's kernel and JupyterLab; the test and lint tools


def test_every_requirement_is_an_exact_pin_and_in_one_file_only():
    for name in (KERNEL, TESTS):
        for line in requirement_lines(name):
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", line), f"{name}: {line}"
    assert not pinned(KERNEL).keys() & pinned(TESTS).keys()


def test_the_packages_the_issue_names_are_pinned():
    lines = requirement_lines(KERNEL) + requirement_lines(TESTS)
    for prefix in PINNED:
        assert any(line.lower().startswith(prefix) for line in lines), prefix


def test_each_file_installs_nothing_it_does_not_pin_and_this_venv_is_exactly_the_pins():
    kernel, tests = pinned(KERNEL), pinned(TESTS)
    missing = needs(kernel) - kernel.keys()
    assert not missing, f"{KERNEL} installs these without pinning them: {sorted(missing)}"
    missing = needs(tests) - kernel.keys() - tests.keys()
    assert not missing, f"{TESTS} installs these without pinning them: {sorted(missing)}"
    assert not needs(kernel) & tests.keys(), "the learner's kernel needs a package pinned only for the tests"
    for name, version in {**kernel, **tests}.items():
        assert metadata.version(name) == version, name


def test_environment_yml_installs_python_311_then_exactly_requirements_txt():
    """mamba (2.x, repo2docker's) writes the pip section to a file beside environment.yml and runs pip install -r
    on it, so a -r line is read relative to environment.yml, as here."""
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    lines = [line for entry in pip for line in (requirement_lines(entry.split(maxsplit=1)[1])
                                                 if entry.startswith("-r ") else [entry])]
    assert sorted(lines) == sorted(requirement_lines(KERNEL))
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




def test_make_test_compares_every_stored_output_strictly(tmp_path):
    """The suite's options (tools.kit SUITE, as make test runs them) fail a notebook whose stored output is not what
    its cell prints, which --nbval-lax would let pass."""
    import subprocess
    import sys

    import nbformat

    from tools.kit import SUITE

    def outcome(stored):
        cell = nbformat.v4.new_code_cell("print(2 + 2)", execution_count=1,
                                         outputs=[nbformat.v4.new_output("stream", name="stdout", text=stored)])
        path = tmp_path / "strict.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
        return subprocess.run([sys.executable, "-m", "pytest", "-q", *SUITE, "-n", "0", "-c", "pyproject.toml",
                               str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)

    assert outcome("4\n").returncode == 0
    assert outcome("5\n").returncode == 1


def test_notebooks_import_only_what_helpers_lists_in_all():
    import ast

    import nbformat

    import helpers

    for path in sorted((ROOT / "notebooks").rglob("[0-9]*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            for node in ast.walk(ast.parse("\n".join(line for line in cell.source.splitlines()
                                                     if not line.lstrip().startswith(("%", "!"))))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers"):
                    names = {alias.name for alias in node.names}
                    assert node.module == "helpers" and names <= set(helpers.__all__) or \
                        node.module == "openai_v1_migrate" and names == {"main"}, f"{path.name}: {ast.unparse(node)}"
                    assert all(getattr(helpers, name) for name in names if node.module == "helpers")
