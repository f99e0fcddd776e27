"""A lesson's Mermaid diagram in JupyterLab, in a real browser: opened as a learner opens it, the markdown cell shows
the diagram as a picture, not as its source."""

from playwright.sync_api import expect
from test_browser_smoke import ROOT, lesson_in_lab

NOTEBOOK = "03_streaming"


def test_the_lessons_diagram_renders_as_a_picture_in_jupyterlab(tmp_path):
    with lesson_in_lab(ROOT / "notebooks" / f"{NOTEBOOK}.ipynb", tmp_path) as page:
        diagram = page.locator(".jp-MarkdownCell .jp-RenderedMermaid").first
        expect(diagram).to_be_visible(timeout=60_000)
        picture = diagram.locator("img, svg").first
        expect(picture).to_be_visible(timeout=30_000)
        diagram.scroll_into_view_if_needed()
        box = picture.bounding_box()
        warnings = page.locator(".jp-RenderedMermaid.jp-mod-warning").count()
        source_code = page.locator(".jp-MarkdownCell pre", has_text="sequenceDiagram").all()
        shown_as_code = [code.is_visible() for code in source_code]

    assert box["width"] > 300 and box["height"] > 300, box
    assert warnings == 0 and not any(shown_as_code)  # the source stays in the page, hidden behind the picture
