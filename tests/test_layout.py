"""The repo keeps its promises: exact pins, the same pins for conda, two commands, CI runs only `make test`."""

import re

import yaml

from helpers.paths import ROOT

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
                        node.module == "helpers.migrate" and names == {"main"}, f"{path.name}: {ast.unparse(node)}"
                    assert all(getattr(helpers, name) for name in names if node.module == "helpers")
