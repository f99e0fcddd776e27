"""The handouts in a real browser with no network: a lesson's Mermaid diagram is drawn as a picture from the vendored
mermaid.min.js beside the page (tools/handout/), never a CDN, and the cheat sheet prints on one page."""

import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect, sync_playwright
from test_browser_smoke import CHROMIUM, CHROMIUM_FLAGS

from tools import run_notebooks

LESSON = "03_streaming"


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    out = tmp_path_factory.mktemp("build")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NOTEBOOK_MODE", "replay")
        run_notebooks.main(["--html", str(out), LESSON])
    return out / f"{LESSON}.html"


def test_the_handouts_diagram_renders_as_an_svg_picture_offline(handout):
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run `make test-browser`, which installs Debian's chromium"
    requested = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: (requested.append(route.request.url), route.continue_()
                                              if route.request.url.startswith(("file:", "data:")) else route.abort()))
            page.goto(handout.as_uri())
            pictures = page.locator(".jp-RenderedMermaid figure img")
            expect(pictures).to_have_count(1, timeout=30_000)
            source = pictures.first.get_attribute("src")
            box = pictures.first.bounding_box()
            warnings = page.locator(".jp-RenderedMermaid.jp-mod-warning").count()
            source_shown = page.locator("pre.mermaid").first.is_visible()
        finally:
            browser.close()

    assert source.startswith("data:image/svg+xml,")
    svg = unquote(source.removeprefix("data:image/svg+xml,"))
    assert "<svg" in svg and "prompt_filter_results" in svg
    assert box["width"] > 300 and box["height"] > 300, box
    assert warnings == 0 and not source_shown
    assert any(url.endswith("/mermaid.min.js") for url in requested), requested


def test_the_cheat_sheet_prints_on_one_page(tmp_path):
    run_notebooks.write_cheatsheet(tmp_path)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.goto((tmp_path / "cheatsheet.html").as_uri())
            pdf = page.pdf(prefer_css_page_size=True)
        finally:
            browser.close()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
