"""The browser smoke test needs Chromium and Playwright: only `make test-browser` (KIT_BROWSER_TEST=1) collects it."""

import os

collect_ignore = [] if os.environ.get("KIT_BROWSER_TEST") == "1" else ["test_browser_smoke.py"]
