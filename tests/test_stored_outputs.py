"""No stored output or handout holds a path of the machine that executed it, and no error output is longer than a
few frames: every notebook's stored outputs, and every page under build/ that `make run` wrote, are scanned."""

import json
import re

import pytest

from helpers.cassettes import ROOT

NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
PAGES = sorted((ROOT / "build").rglob("*.html")) if (ROOT / "build").is_dir() else []
ANSI = re.compile(r"\x1b\[[0-9;]*m")
MACHINE_PATH = re.compile(
    r"(?<![\w.:/])(?:/(?:home|Users|tmp|var/folders|private|root|opt|work|mnt|srv)/[^\s'\"<>]+"
    r"|[A-Za-z]:\\(?:Users|Windows|Program Files)[^\s'\"<>]*)"
    r"|site-packages|\.venv[/\\]"
)
# A few frames: the learner's own cell and the line that raised.
MOST_FRAMES = 4


def output_text(output):
    parts = [output.get("text", ""), output.get("evalue", ""), *output.get("traceback", [])]
    for value in (output.get("data") or {}).values():
        parts.append(value if isinstance(value, str) else "".join(value) if isinstance(value, list) else "")
    return ANSI.sub("", "\n".join("".join(p) if isinstance(p, list) else p for p in parts))


def frames(output):
    """The frames an error output shows: IPython's 'Cell In[..]' and 'File ...' headers, or a text traceback's."""
    text = output_text(output)
    return len(re.findall(r"^(?:Cell In\[|File |  File \")", text, re.MULTILINE))


def offences(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = {}
    for index, cell in enumerate(cells):
        for output in cell.get("outputs", []):
            text = output_text(output)
            problems = [f"a machine path: {m.group(0)[:80]}" for m in MACHINE_PATH.finditer(text)]
            if frames(output) > MOST_FRAMES:
                problems.append(f"an error of {frames(output)} frames")
            if problems:
                found.setdefault(index, []).extend(problems)
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_stored_outputs_hold_no_machine_path_and_no_long_error(path):
    name = str(path.relative_to(ROOT / "notebooks"))
    found = offences(path)
    assert not found, "\n".join(f"{name} cell {i}: {'; '.join(sorted(set(p)))}" for i, p in found.items())


def test_handout_pages_that_make_run_wrote_hold_no_machine_path():
    found = {str(page.relative_to(ROOT)): [m.group(0)[:80] for m in MACHINE_PATH.finditer(page.read_text("utf-8"))]
             for page in PAGES}
    assert not {page: paths for page, paths in found.items() if paths}


def test_the_scan_finds_a_home_folder_a_venv_a_windows_path_and_a_long_traceback():
    def error(*frames_shown):
        return {"output_type": "error", "ename": "TypeError", "evalue": "x", "traceback": list(frames_shown)}

    assert MACHINE_PATH.search("see /home/ada/kit/notebooks/x.py")
    assert MACHINE_PATH.search(r"C:\Users\Ada\OneDrive - Contoso\kit")
    assert MACHINE_PATH.search("lib/python3.11/site-packages/openai/_client.py")
    assert not MACHINE_PATH.search("https://example-resource.openai.azure.com/openai/v1/ and notebooks/recordings/")
    assert frames(error("Cell In[3], line 1", *[f"File /x/{n}.py:1, in f()" for n in range(5)])) == 6
    assert frames(error("Cell In[3], line 1")) == 1
