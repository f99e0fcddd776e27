"""The browser tests need Chromium and Playwright: only `make test-browser` (KIT_BROWSER_TEST=1) collects them."""

import os
from pathlib import Path

BROWSER_TESTS = [path.name for path in Path(__file__).parent.glob("test_*.py")]
collect_ignore = [] if os.environ.get("KIT_BROWSER_TEST") == "1" else BROWSER_TESTS
