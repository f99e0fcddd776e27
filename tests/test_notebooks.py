"""Every notebook keeps the kit's shape: kit cell first, four parts, known variables, its own recording."""

import ast
import json

import pytest

from helpers.paths import RECORDINGS, ROOT
from helpers.settings import READS

NOTEBOOK_DIR = ROOT / "notebooks"
LESSONS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
SOLUTIONS = sorted((NOTEBOOK_DIR / "solutions").glob("[0-9][0-9]_*.ipynb"))
ALL = LESSONS + SOLUTIONS


def stem(path):
    relative = path.relative_to(NOTEBOOK_DIR).with_suffix("")
    return relative.as_posix()


def cells(path, kind=None):
    found = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [c for c in found if kind is None or c["cell_type"] == kind]


def source(cell):
    return "".join(cell["source"])


def variables_read(code):
    """Names read with os.environ[...], os.environ.get(...) or os.getenv(...), found in the syntax tree."""
    lines = [line for line in code.splitlines() if not line.lstrip().startswith(("!", "%"))]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return []
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            key = node.slice
        elif isinstance(node, ast.Call) and ast.unparse(node.func) in ("os.environ.get", "os.getenv") and node.args:
            key = node.args[0]
        else:
            continue
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            names.append(key.value)
    return names


@pytest.fixture(params=ALL, ids=stem)
def notebook(request):
    return request.param


@pytest.fixture(params=LESSONS, ids=stem)
def lesson(request):
    return request.param


def test_the_first_code_cell_is_the_one_kit_cell(notebook):
    first = source(cells(notebook, "code")[0])
    imported = "start, check, hint, solution" if has_exercises(notebook) else "start"
    assert first == f'from helpers import {imported}; start("{stem(notebook)}")'


def has_exercises(notebook):
    return (NOTEBOOK_DIR / "solutions" / f"{notebook.stem}.checks.yaml").exists()


def stored_text(cell):
    return "".join("".join(output.get("text", "")) for output in cell.get("outputs", []))


@pytest.mark.parametrize("path", [p for p in LESSONS if has_exercises(p)], ids=stem)
def test_each_exercise_cell_is_followed_by_its_check_and_the_lesson_says_how_checks_work(path):
    code = cells(path, "code")
    stubs = [n for n, cell in enumerate(code) if source(cell).startswith("# Your code here")]
    assert len(stubs) == 3, f"{stem(path)} has {len(stubs)} exercise cells"
    for number, index in enumerate(stubs, start=1):
        after = code[index + 1]
        assert source(after) == f"check({number})", f"{stem(path)}: exercise {number} is not followed by its check"
        assert stored_text(after).startswith("Not attempted: ")
    told = [cell for cell in cells(path, "markdown") if "`check(n)`" in source(cell)]
    assert len(told) == 1, f"{stem(path)} should say once how its exercises are checked"


@pytest.mark.parametrize("path", [p for p in SOLUTIONS if has_exercises(p)], ids=stem)
def test_each_solution_shows_correct_under_its_check(path):
    checks = [cell for cell in cells(path, "code") if source(cell).startswith("check(")]
    assert [source(cell) for cell in checks] == ["check(1)", "check(2)", "check(3)"]
    for cell in checks:
        assert stored_text(cell).startswith("Correct: "), f"{stem(path)} {source(cell)}: {stored_text(cell)}"


def test_every_code_cell_has_stored_outputs_to_compare(notebook):
    for number, cell in enumerate(cells(notebook, "code")):
        if source(cell).strip():
            assert cell.get("execution_count"), f"code cell {number} was never executed"


def test_cells_excused_from_comparison_say_why(notebook):
    for number, cell in enumerate(cells(notebook)):
        tags = set(cell.get("metadata", {}).get("tags", [])) & {"nbval-skip", "nbval-ignore-output"}
        if tags:
            assert "#" in source(cell), f"cell {number} is tagged {tags} without a comment saying why"


def test_lessons_have_the_four_parts_and_exercises(lesson):
    text = "\n".join(source(c) for c in cells(lesson, "markdown"))
    for part in ("What you will learn", "Prerequisites", "Troubleshooting"):
        assert part in text, f"{lesson.name} lacks '{part}'"
    if stem(lesson) != "00_setup":
        assert "## Exercises" in text


def test_each_lesson_ends_with_a_recap_of_three_points_and_two_predictions_with_folded_answers(lesson):
    texts = [source(cell) for cell in cells(lesson, "markdown")]
    lesson_part = texts[:next((i for i, text in enumerate(texts) if text.startswith("# Reference")), len(texts))]
    [recap] = [text for text in lesson_part if text.startswith("## Recap\n")]
    after = "\n".join(lesson_part[lesson_part.index(recap) + 1:])
    assert "\n## " not in "\n" + after, f"{lesson.name}: the recap ends the lesson (a reference part may follow)"
    assert len([line for line in recap.splitlines() if line.startswith("- ")]) == 3
    assert recap.count("**Predict the output.**") == 2
    assert recap.count("<details><summary>Answer</summary>") == recap.count("</details>") == 2


def test_the_lesson_to_the_retired_sdk_says_at_its_top_that_it_is_optional_and_why_it_stays():
    top = source(cells(NOTEBOOK_DIR / "07_migrate_openai_to_inference.ipynb", "markdown")[0])
    assert "**Optional.**" in top and "It stays for" in top


def test_variables_a_notebook_reads_are_its_own_and_in_env_example(notebook):
    example = (ROOT / ".env.example").read_text()
    own = set(READS[stem(notebook).removeprefix("solutions/")])
    for cell in cells(notebook, "code"):
        for name in variables_read(source(cell)):
            if name.startswith("NOTEBOOK_"):
                continue
            assert name in own, f"{notebook.name} reads {name}, which helpers/settings.py does not list for it"
            assert f"\n{name}=" in example, f"{name} is missing from .env.example"


def test_every_notebook_has_its_recording_and_every_recording_its_notebook():
    notebooks = {stem(p) for p in ALL}
    recordings = {p.relative_to(RECORDINGS).with_suffix("").as_posix() for p in RECORDINGS.rglob("[0-9]*.yaml")}
    sources = {p.relative_to(RECORDINGS / "sources").with_suffix("").as_posix()
               for p in (RECORDINGS / "sources").rglob("[0-9]*.py")}
    assert recordings == notebooks
    assert sources <= notebooks


def test_every_notebook_is_registered_with_its_variables():
    assert {stem(p) for p in LESSONS} <= set(READS)


def test_every_notebook_names_the_generic_python3_kernel_that_every_front_end_has(notebook):
    """JupyterLab from `make lab`, VS Code with the .venv interpreter, Binder and nbclient (tools/run_notebooks.py)
    all have a `python3` kernel; only `make lab`'s Jupyter lists the kit's `azure-ai-kit` one (README, 'the wrong
    kernel')."""
    kernelspec = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]["kernelspec"]
    assert kernelspec["name"] == "python3"
