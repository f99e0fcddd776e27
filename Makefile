# Two commands do everything: `make lab` (set up, then JupyterLab) and `make test` (set up, then every test).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.kit-ready
ARGS ?=
NB ?=
PYTEST_ARGS ?=

.PHONY: lab test test-browser test-latest run record synth bench clean

$(READY): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "The kit needs Python 3.11 or newer; this is " + sys.version.split()[0] + ". Install one, then run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -c 'import sysconfig, pathlib; pathlib.Path(sysconfig.get_paths()["purelib"], "azure_ai_kit.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	$(PY) -m ipykernel install --sys-prefix --name azure-ai-kit --display-name "Python (azure-ai kit)" > /dev/null
	@# matplotlib announces its first font-cache build on stderr, which a notebook would otherwise show once
	$(PY) -c "import matplotlib.pyplot"
	touch $(READY)

lab: $(READY)
	$(VENV)/bin/jupyter lab notebooks/00_setup.ipynb $(ARGS)

test: $(READY)
	$(PY) -m pytest $(PYTEST_ARGS)

test-browser: $(READY) requirements-browser.txt
	@if [ ! -x /usr/bin/chromium ]; then \
		sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$sudo apt-get update && $$sudo apt-get install -y --no-install-recommends chromium fonts-liberation; \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-browser.txt
	KIT_BROWSER_TEST=1 NOTEBOOK_MODE=replay $(PY) -m pytest -n 0 tests/browser $(PYTEST_ARGS)

test-latest: $(READY)
	$(PY) -m tools.test_latest $(PYTEST_ARGS)

run: $(READY)
	NOTEBOOK_MODE=replay $(PY) -m tools.run_notebooks --html build $(NB)

record: $(READY)
	NOTEBOOK_MODE=record $(PY) -m tools.run_notebooks $(NB)

synth: $(READY)
	$(PY) -m tools.wire $(NB)

bench: $(READY)
	NOTEBOOK_MODE=replay $(PY) -m tools.bench

clean:
	rm -rf $(VENV) build .pytest_cache
