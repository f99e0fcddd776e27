"""make run, for real on a few notebooks: every page is in the index with its goals, and only expected errors show."""

import re

import nbformat
import pytest
from bs4 import BeautifulSoup

from tools import run_notebooks

NOTEBOOKS = run_notebooks.NOTEBOOKS
BOOM = "99_boom"


def lesson_with_solution():
    return next((p.stem for p in run_notebooks.lessons() if (run_notebooks.SOLUTIONS / p.name).exists()), None)


def boom_notebook(folder):
    """One cell that raises on purpose (tagged), then one that raises by mistake."""
    notebook = nbformat.v4.new_notebook()
    on_purpose = nbformat.v4.new_code_cell("raise ValueError('on purpose')", metadata={"tags": ["raises-exception"]})
    notebook.cells = [on_purpose, nbformat.v4.new_code_cell("1 / 0")]
    path = folder / f"{BOOM}.ipynb"
    nbformat.write(notebook, path)
    return path


@pytest.fixture(scope="module")
def handouts(tmp_path_factory):
    """Runs the handout command once: 00_setup, a lesson and its solutions if one has them, and a broken notebook."""
    out = tmp_path_factory.mktemp("build")
    with_solution = lesson_with_solution()
    names = ["00_setup"] + ([with_solution, f"solutions/{with_solution}"] if with_solution else [])
    boom = boom_notebook(tmp_path_factory.mktemp("boom"))
    exit_message = None
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NOTEBOOK_MODE", "replay")
        try:
            run_notebooks.main(["--html", str(out), *names, str(boom)])
        except SystemExit as exited:
            exit_message = exited.code
    return {"out": out, "names": names, "exit": exit_message, "solution_of": with_solution}


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(element):
    return " ".join(element.get_text().split())


def goals_in_source(stem):
    """The bullets under "What you will learn", as plain text, read straight from the notebook's Markdown."""
    markdown = next(c.source for c in nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4).cells
                    if c.cell_type == "markdown" and "What you will learn" in c.source)
    bullets = markdown.split("What you will learn", 1)[1].lstrip("*:# \n").split("\n\n")[0]
    items = re.split(r"^- ", bullets, flags=re.MULTILINE)[1:]
    return [" ".join(item.replace("`", "").replace("**", "").split()) for item in items]


def test_a_notebook_that_raises_by_mistake_fails_the_run_and_gets_no_page(handouts):
    assert handouts["exit"] == f"1 notebook(s) failed: {BOOM}.ipynb"
    assert not (handouts["out"] / f"{BOOM}.html").exists()


def test_every_executed_lesson_is_in_the_index_with_its_goals(handouts):
    index = soup(handouts["out"] / "index.html")
    lessons = [name for name in handouts["names"] if not name.startswith("solutions/")]
    assert [row["id"] for row in index.select("tbody tr")] == lessons
    for stem in lessons:
        row = index.find("tr", id=stem)
        link = row.select_one("td a")
        assert link["href"] == f"{stem}.html" and (handouts["out"] / link["href"]).exists()
        goals = [text(li) for li in row.select("td.goals > ul > li")]
        assert goals and goals == goals_in_source(stem)


def test_the_index_links_each_lesson_to_its_solutions_page(handouts):
    stem = handouts["solution_of"]
    if stem is None:
        pytest.skip("no lesson has a notebook in notebooks/solutions/ yet")
    row = soup(handouts["out"] / "index.html").find("tr", id=stem)
    assert [a["href"] for a in row.select("td a")][-1] == f"solutions/{stem}.html"
    assert (handouts["out"] / "solutions" / f"{stem}.html").exists()


def test_the_only_errors_on_a_page_are_the_cells_tagged_raises_exception(handouts):
    for name in handouts["names"]:
        source = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        expected = [c for c in source.cells if "raises-exception" in c.metadata.get("tags", [])
                    and any(o.output_type == "error" for o in c.get("outputs", []))]
        page = soup(handouts["out"] / f"{name}.html")
        shown = page.select(".handout-expected-error")
        for error in shown:
            assert "celltag_raises-exception" in error.find_parent(class_="jp-Cell")["class"], text(error)[:200]
        assert len(shown) == len(expected), name
        for cell, error in zip(expected, shown, strict=True):
            stored = next(o for o in cell.outputs if o.output_type == "error")
            assert stored.ename in text(error), name


def test_each_page_is_titled_with_its_notebooks_first_heading(handouts):
    for name in handouts["names"]:
        source = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
        heading = next(line.removeprefix("# ").strip() for cell in source.cells if cell.cell_type == "markdown"
                       for line in cell.source.splitlines() if line.startswith("# "))
        assert soup(handouts["out"] / f"{name}.html").title.get_text() == heading, name


def test_links_between_notebooks_point_to_their_pages(handouts):
    page = soup(handouts["out"] / "00_setup.html")
    hrefs = [a["href"] for a in page.select("a[href]")]
    assert "01_auth.html" in hrefs
    assert not [href for href in hrefs if href.endswith(".ipynb")]


def test_a_page_with_a_diagram_loads_the_vendored_mermaid_from_beside_itself(handouts):
    out = handouts["out"]
    page = (out / "00_setup.html").read_text(encoding="utf-8")
    assert '<script src="mermaid.min.js"></script>' in page and "mermaid.esm" not in page
    assert (out / "mermaid.min.js").read_bytes() == run_notebooks.MERMAID.read_bytes()
    assert (out / "mermaid.LICENSE").is_file()
    for solution in (out / "solutions").glob("*.html"):
        assert "mermaid" not in solution.read_text(encoding="utf-8"), f"{solution.name} has no diagram to draw"


def test_the_cheat_sheet_is_a_handout_page_linked_from_the_index(handouts):
    out = handouts["out"]
    page = soup(out / "cheatsheet.html")
    assert text(page.title) == "Cheat sheet: from Azure AI Inference to the OpenAI v1 API on Azure"
    header = [text(cell) for cell in page.find("table").find("thead").find_all("th")]
    assert header == ["task", "Azure AI Inference (before)", "OpenAI v1 (after)"]
    rows = {text(row.find("td")): [text(cell) for cell in row.find_all("td")[1:]]
            for row in page.find("table").find("tbody").find_all("tr")}
    assert rows["chat"] == ["client.complete(messages=[...], model=...)",
                            "client.chat.completions.create(model=..., messages=[...])"]
    assert soup(out / "index.html").find("a", href="cheatsheet.html")


def test_a_figure_on_a_page_has_what_it_draws_as_its_alternative_text(tmp_path):
    """A lesson's figure says in words what it draws (its text form): a reader who cannot see the picture gets that."""
    notebook = nbformat.read(NOTEBOOKS / "06_errors_and_logging.ipynb", as_version=4)
    [figure] = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
                if "image/svg+xml" in o.get("data", {})]
    run_notebooks.to_html(notebook, tmp_path / "06.html", "06")
    [image] = soup(tmp_path / "06.html").select("div.jp-RenderedSVG img")
    assert image["alt"] == figure.data["text/plain"]
    assert image["alt"].startswith("A retried 429, as the SDK handled it: 429, Retry-After: 1 s at 0 s")
    assert image["src"].startswith("data:image/svg+xml;base64,")
