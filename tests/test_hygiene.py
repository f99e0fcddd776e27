"""Lint: ruff over the kit's Python, and through nbqa over every notebook."""

import ast
import subprocess
import sys
from pathlib import Path

from helpers.paths import ROOT

BIN = Path(sys.executable).parent


def run(*command):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing_in_the_kit_the_checker_tools_tests_and_recording_sources():
    result = run(str(BIN / "ruff"), "check", "conftest.py", "helpers", "openai_v1_migrate", "tools", "tests",
                 "notebooks/recordings/sources")
    assert result.returncode == 0, result.stdout + result.stderr


def test_nbqa_ruff_finds_nothing_in_the_notebooks():
    notebooks = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "notebooks").rglob("*.ipynb")
                       if ".ipynb_checkpoints" not in p.parts)
    result = run(str(BIN / "nbqa"), "ruff", *notebooks)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_top_of_tests_holds_only_test_files_and_conftest_and_no_test_imports_another():
    """What the tests share lives in tests/support/, so a newcomer finds tests where the test files are."""
    python = sorted((ROOT / "tests").glob("*.py"))
    assert [p.name for p in python if p.name != "conftest.py" and not p.name.startswith("test_")] == []
    imports = {(p.name, node.module) for p in python for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
               if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[-1].startswith("test_")}
    assert imports == set()
