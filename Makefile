# OVOP Dashboard — `make run` starts the app, `make test` runs the tests.
# Both create or reuse the virtual environment in .venv themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test e2e lint format catalogs screenshots bench soak load boundaries boundaries-check demo-data mutation clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.app-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.app-installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.app-installed
	$(BIN)/streamlit run app.py --server.port $(PORT)

# Tests run in WORKERS processes (pytest-xdist), a test file per worker at a time (module fixtures
# are built once); WORKERS=0 runs them in this process.
WORKERS ?= 2
XDIST = $(if $(filter 0,$(WORKERS)),,-n $(WORKERS) --dist loadfile)

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -q $(XDIST)

# Lint with ruff (rules in pyproject.toml); `make format` applies the formatter.
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Screenshots of every page of a checkout, to compare two trees (dev-time; see tools/screenshots.py):
#   make screenshots TREE=../wt-before OUT=/tmp/before && make screenshots OUT=/tmp/after
#   .venv/bin/python tools/compare_screenshots.py /tmp/before /tmp/after
TREE ?= .
OUT ?= artifacts/shots
screenshots: $(VENV)/.dev-installed
	$(BIN)/python tools/screenshots.py --tree $(TREE) --out $(OUT)

# Compile the translation catalogs (ovop_core/locale/*/LC_MESSAGES/ovop.po -> .mo; both are committed).
catalogs: $(VENV)/.app-installed
	$(BIN)/python tools/migrate_catalog.py --compile-only

bench: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .pytest_cache

# Dev-time: regenerate data/geo from tools/data/wilayah_boundaries (byte-identical on rerun); --check compares only.
$(VENV)/.tools-installed: tools/requirements.txt $(VENV)/.app-installed
	$(BIN)/python -m pip install --quiet -r tools/requirements.txt
	touch $@

boundaries: $(VENV)/.tools-installed
	$(BIN)/python tools/build_boundaries.py

boundaries-check: $(VENV)/.tools-installed
	$(BIN)/python tools/build_boundaries.py --check

# Browser tests: Debian's chromium driven by Playwright for Python (never `playwright install`). One
# process: the kiosk's tests run against its slide and idle timers in real time, which two browser
# workers on two cores made late (tried: 2 of 115 failed that pass alone).
e2e: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -q -m e2e tests/e2e

# Dev-time: regenerate the demo registry (byte-identical on rerun).
demo-data: $(VENV)/.app-installed
	$(BIN)/python tools/make_demo_data.py

# Dev-time, not in CI: kiosk soak (30 min, server memory growth) and load (25 browser sessions).
soak: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks.soak $(if $(MINUTES),--minutes $(MINUTES))

load: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks.load

# Dev-time, not in CI: mutation testing of the core's rule modules (mutmut, one module at a time,
# each against its own test files; tools/mutation.py). `make mutation MODULES="scoring pipeline"`
# runs some modules; SURVIVORS=1 prints each surviving mutant's diff.
MODULES ?=
mutation: $(VENV)/.dev-installed
	$(BIN)/python tools/mutation.py $(if $(SURVIVORS),--survivors) $(MODULES)
