"""A lesson's Mermaid diagram in JupyterLab, in a real browser: opened as a learner opens it, the markdown cell shows
the diagram as a picture, not as its source."""

import os
import shutil

from loopback import SERVER_PORTS
from playwright.sync_api import expect, sync_playwright
from test_browser_smoke import CHROMIUM, CHROMIUM_FLAGS, ROOT, VIEWPORT, free_loopback_port, sha256, start_lab, stop_lab

NOTEBOOK = "03_streaming"


def test_the_lessons_diagram_renders_as_a_picture_in_jupyterlab(tmp_path):
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run `make test-browser`, which installs Debian's chromium"
    source = ROOT / "notebooks" / f"{NOTEBOOK}.ipynb"
    before = sha256(source)
    work = tmp_path / "notebooks"
    work.mkdir()
    shutil.copy2(source, work / source.name)
    port, token = free_loopback_port(), os.urandom(16).hex()
    SERVER_PORTS.add(port)
    server = start_lab(work, port, token, tmp_path)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch_persistent_context(
                str(tmp_path / "chromium-profile"), executable_path=str(CHROMIUM), headless=True,
                args=CHROMIUM_FLAGS, viewport=VIEWPORT)
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/lab/tree/{source.name}?token={token}")
                diagram = page.locator(".jp-MarkdownCell .jp-RenderedMermaid").first
                expect(diagram).to_be_visible(timeout=60_000)
                picture = diagram.locator("img, svg").first
                expect(picture).to_be_visible(timeout=30_000)
                diagram.scroll_into_view_if_needed()
                box = picture.bounding_box()
                warnings = page.locator(".jp-RenderedMermaid.jp-mod-warning").count()
                source_code = page.locator(".jp-MarkdownCell pre", has_text="sequenceDiagram").all()
                shown_as_code = [code.is_visible() for code in source_code]
            finally:
                browser.close()
    finally:
        stop_lab(server, port, token)
        SERVER_PORTS.discard(port)

    assert box["width"] > 300 and box["height"] > 300, box
    assert warnings == 0 and not any(shown_as_code)  # the source stays in the page, hidden behind the picture
    assert sha256(source) == before, f"{source} changed"
