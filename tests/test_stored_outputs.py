"""No stored output or handout holds a path of the machine that executed it, and no error output is longer than a
few frames: every notebook's stored outputs are scanned, and so are the outputs of the handout pages `make run`
makes from them (made here, in a temporary folder, by the same code). Prose may name `.venv/` (the lessons explain
the kit's venv); an output never does."""

import json
import re
from html.parser import HTMLParser

import nbformat
import pytest

from helpers.paths import ROOT
from tools.run_notebooks import to_html

NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
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


class OutputText(HTMLParser):
    """The text inside a handout's output areas (nbconvert's jp-OutputArea-output), nothing of its prose or code."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.inside, self.parts = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            classes = (dict(attrs).get("class") or "").split()
            self.inside.append(bool(self.inside and self.inside[-1]) or "jp-OutputArea-output" in classes)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.inside:
            self.inside.pop()

    def handle_data(self, data):
        if self.inside and self.inside[-1]:
            self.parts.append(data)


def output_text_of_page(html):
    parser = OutputText()
    parser.feed(html)
    return "".join(parser.parts)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The handout page of every notebook, as make run makes it, in a temporary folder."""
    folder = tmp_path_factory.mktemp("handouts")
    made = {}
    for path in NOTEBOOKS:
        page = folder / path.relative_to(ROOT / "notebooks").with_suffix(".html")
        to_html(nbformat.read(path, as_version=4), page, path.stem)
        made[str(path.relative_to(ROOT / "notebooks"))] = page.read_text(encoding="utf-8")
    return made


def test_the_outputs_of_every_handout_page_hold_no_machine_path(pages):
    texts = {name: output_text_of_page(html) for name, html in pages.items()}
    assert all(texts.values()), [name for name, text in texts.items() if not text]
    found = {name: [m.group(0)[:80] for m in MACHINE_PATH.finditer(text)] for name, text in texts.items()}
    assert not {name: paths for name, paths in found.items() if paths}


def test_the_page_scan_reads_outputs_and_not_prose():
    page = ('<div class="jp-MarkdownOutput">run .venv/bin/python</div><div class="jp-OutputArea-output">'
            '<pre>see /home/ada/x.py<br>and more</pre></div><p>after</p>')
    assert output_text_of_page(page) == "see /home/ada/x.pyand more"


def test_the_scan_finds_a_home_folder_a_venv_a_windows_path_and_a_long_traceback():
    def error(*frames_shown):
        return {"output_type": "error", "ename": "TypeError", "evalue": "x", "traceback": list(frames_shown)}

    assert MACHINE_PATH.search("see /home/ada/kit/notebooks/x.py")
    assert MACHINE_PATH.search(r"C:\Users\Ada\OneDrive - Contoso\kit")
    assert MACHINE_PATH.search("lib/python3.11/site-packages/openai/_client.py")
    assert not MACHINE_PATH.search("https://example-resource.openai.azure.com/openai/v1/ and notebooks/recordings/")
    assert frames(error("Cell In[3], line 1", *[f"File /x/{n}.py:1, in f()" for n in range(5)])) == 6
    assert frames(error("Cell In[3], line 1")) == 1
