"""A learner's first run, in a real browser: JupyterLab on loopback, Run All Cells, and the chat answer on screen.

Run it with `make test-browser`: it installs Debian's chromium and the pinned playwright (requirements-browser.txt),
then sets KIT_BROWSER_TEST=1. Playwright drives /usr/bin/chromium; `playwright install` is never needed.
The notebook runs from a temporary copy, so the stored outputs in notebooks/ stay as they are.
"""

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
import pytest
from PIL import Image, ImageStat
from playwright.sync_api import expect, sync_playwright

from tests.support.loopback import (
    SERVER_PORTS,  # tests/conftest.py lets tests connect only to the loopback ports listed here
)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
NOTEBOOK = "02_chat"
ANSWER_CELL = "response = client.complete(messages=messages)"
SCREENSHOT = ROOT / "build" / "browser-smoke.png"
VIEWPORT = {"width": 1280, "height": 900}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# JupyterLab settings for a quiet, offline page: no news or update checks; the notebook's kernel starts without asking
# (a learner clicks "Select" in that dialog); every cell stays in the DOM.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True,
                                                                   "windowingMode": "none"},
}


def expected_answer(path):
    """The answer as the notebook stores it: the first output of the guide's `complete(messages=messages)` cell."""
    notebook = nbformat.read(path, as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "code" and ANSWER_CELL in c.source and c.outputs)
    output = cell.outputs[0]
    text = output.get("text") or output.get("data", {}).get("text/plain", "")
    answer = text.strip().splitlines()[0].strip()
    assert answer, f"the stored output of the answer cell of {path.name} is empty"
    return answer


def free_loopback_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def lab_settings(folder):
    for name, values in LAB_SETTINGS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    return folder


def start_lab(root_dir, port, token, home):
    command = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={port}",
               f"--IdentityProvider.token={token}", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
               f"--ServerApp.root_dir={root_dir}", f"--LabApp.user_settings_dir={lab_settings(home / 'settings')}",
               f"--LabApp.workspaces_dir={home / 'workspaces'}", "--LabApp.news_url=None",
               "--LabApp.extension_manager=readonly", *(["--allow-root"] if os.geteuid() == 0 else [])]
    environ = {**os.environ, "NOTEBOOK_MODE": "replay", "JUPYTER_CONFIG_DIR": str(home / "config"),
               "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    log = (home / "jupyter.log").open("w")
    server = subprocess.Popen(command, env=environ, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "jupyter lab exited:\n" + (home / "jupyter.log").read_text()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2):
                return server
        except OSError:
            time.sleep(0.5)
    stop_lab(server, port, token)
    pytest.fail("jupyter lab did not answer on loopback within 60 s:\n" + (home / "jupyter.log").read_text())


def stop_lab(server, port, token):
    """Ask the server to shut down (it stops its kernels), then end whatever it started that is still running."""
    started = psutil.Process(server.pid).children(recursive=True) if server.poll() is None else []
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/shutdown?token={token}", method="POST")
        urllib.request.urlopen(request, timeout=5).close()
        server.wait(timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    for process in started:
        if process.is_running():
            process.kill()


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def visible_answer(page, answer):
    """Scroll the answer into view; return its box once it is on screen, non-empty and the topmost element there."""
    output = page.locator(".jp-OutputArea-output", has_text=answer).first
    expect(output).to_be_visible(timeout=60_000)
    output.scroll_into_view_if_needed()
    return output.evaluate("""element => {
        const box = element.getBoundingClientRect();
        const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return {x: box.x, y: box.y, width: box.width, height: box.height, text: element.innerText,
                onTop: element.contains(top), inViewport: box.top >= 0 && box.left >= 0
                    && box.bottom <= window.innerHeight && box.right <= window.innerWidth};
    }""")


def menu(page, top, item):
    page.get_by_role("menuitem", name=top, exact=True).click()
    page.get_by_role("menuitem", name=item, exact=True).click()


def kernel_idle(page):
    """The status bar's kernel button, e.g. "Python 3 (ipykernel) | Idle"."""
    return page.get_by_role("button", name=re.compile(r"\| Idle$"))


@contextlib.contextmanager
def lesson_in_lab(source, tmp_path):
    """A copy of the lesson, opened as a learner opens it in a real JupyterLab in headless Chromium: yields the page.
    The browser and the server stop after, and the lesson itself is left as it was."""
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run `make test-browser`, which installs Debian's chromium"
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
                yield page
            finally:
                browser.close()
    finally:
        stop_lab(server, port, token)
        SERVER_PORTS.discard(port)
    assert sha256(source) == before, f"{source} changed"


def test_run_all_cells_in_jupyterlab_shows_the_chat_answer(tmp_path):
    source = ROOT / "notebooks" / f"{NOTEBOOK}.ipynb"
    answer = expected_answer(source)
    with lesson_in_lab(source, tmp_path) as page:
        expect(kernel_idle(page)).to_be_visible(timeout=60_000)
        menu(page, "Edit", "Clear Outputs of All Cells")
        expect(page.locator(".jp-OutputArea-output", has_text=answer)).to_have_count(0)
        menu(page, "Run", "Run All Cells")
        expect(page.locator(".jp-CodeCell .jp-InputPrompt").last).to_have_text(re.compile(r"\[\d+\]:"),
                                                                              timeout=120_000)
        shown = visible_answer(page, answer)
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))

    assert answer in shown["text"]
    assert shown["inViewport"] and shown["onTop"], shown
    with Image.open(SCREENSHOT) as screenshot:
        assert screenshot.size == (VIEWPORT["width"], VIEWPORT["height"])
        area = screenshot.convert("L").crop((shown["x"], shown["y"], shown["x"] + shown["width"],
                                             shown["y"] + shown["height"]))
        assert ImageStat.Stat(area).extrema[0][0] < 128, "the answer's area of the screenshot holds no dark text"
