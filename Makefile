# Two commands do everything: `make lab` (set up, then JupyterLab) and `make test` (set up, then every test).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.kit-ready
TEST_READY := $(VENV)/.kit-test-ready
ARGS ?=
NB ?=
PYTEST_ARGS ?=

.PHONY: lab test test-browser test-hook test-offline-install test-latest run record synth bench bench-room clean

# tools/kit.py is the one implementation of setting up, `lab` and `test`; on Windows, without make: py -m tools.kit lab
$(READY): requirements.txt
	$(PYTHON) -m tools.kit setup --venv $(VENV)

# the test and lint tools of requirements-test.txt, over requirements.txt
$(TEST_READY): requirements.txt requirements-test.txt
	$(PYTHON) -m tools.kit setup --venv $(VENV) --tests

lab: $(READY)
	$(PYTHON) -m tools.kit lab --venv $(VENV) $(ARGS)

test:
	$(PYTHON) -m tools.kit test --venv $(VENV) $(PYTEST_ARGS)

test-browser: $(TEST_READY) requirements-browser.txt
	@if [ ! -x /usr/bin/chromium ]; then \
		sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$sudo apt-get update && $$sudo apt-get install -y --no-install-recommends chromium fonts-liberation; \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-browser.txt
	KIT_BROWSER_TEST=1 NOTEBOOK_MODE=replay $(PY) -m pytest -n 0 tests/browser $(PYTEST_ARGS)

# pre-commit installs this repository's hook from PyPI, as in a team's repository: it needs the network, so make test
# never collects tests/hook.
test-hook: $(TEST_READY) requirements-hook.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-hook.txt
	KIT_HOOK_TEST=1 NOTEBOOK_MODE=replay $(PY) -m pytest -n 0 tests/hook $(PYTEST_ARGS)

# The offline install of docs/instructor.md, proven on one small pin: it downloads from PyPI, so make test never collects it.
test-offline-install: $(TEST_READY)
	KIT_NETWORK_TEST=1 $(PY) -m pytest -n 0 tests/offline_install $(PYTEST_ARGS)

test-latest:
	$(PY) -m tools.test_latest $(PYTEST_ARGS)

run: $(READY)
	NOTEBOOK_MODE=replay $(PY) -m tools.run_notebooks --html build $(NB)

record: $(READY)
	NOTEBOOK_MODE=record $(PY) -m tools.run_notebooks $(NB)

synth: $(READY)
	$(PY) -m tools.wire $(NB)

bench: $(TEST_READY)
	NOTEBOOK_MODE=replay $(PY) -m tools.bench

# N learners at once, each a kernel running NB (default: lesson 08) in replay: memory per learner, slowest cell
N ?= 4
bench-room: $(TEST_READY)
	NOTEBOOK_MODE=replay $(PY) -m tools.bench_room -n $(N) $(NB)

clean:
	rm -rf $(VENV) build .pytest_cache
