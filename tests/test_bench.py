"""make bench's floor: for a notebook, a notebook of as many code cells (SDK imports, then numbers printed) that
passes the same strict nbval command as the suite, so the bench never fails minutes in."""

import subprocess
import sys

import nbformat

from helpers.paths import NOTEBOOKS, ROOT
from tools import bench


def test_a_floor_notebook_has_its_notebooks_code_cells_and_passes_strict_nbval(tmp_path):
    notebook = NOTEBOOKS / "02_chat.ipynb"
    count = sum(1 for cell in nbformat.read(notebook, as_version=4).cells if cell.cell_type == "code")
    floor = bench.floor_notebook(bench.code_cells(notebook))
    assert [cell.cell_type for cell in floor.cells] == ["code"] * count
    assert floor.cells[0].source == "import azure.ai.inference, azure.core, azure.identity, openai"
    assert [cell.source for cell in floor.cells[1:3]] == ["print(2)", "print(3)"]
    path = tmp_path / "floor_02_chat.ipynb"
    nbformat.write(floor, path)
    # -c: the suite's configuration (strict nbval, its sanitizer), which pytest would not find from a temporary folder
    command = [sys.executable, "-m", "pytest", "-q", "--nbval", "-c", "pyproject.toml", str(path)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout[-2000:]
    assert result.stdout.splitlines()[-1].startswith(f"{count} passed")
