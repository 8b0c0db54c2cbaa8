# SENDcase: `make run` serves the demo council, `make test` runs lint and the whole suite.
# Every install step lives here so a fresh clone needs only Python 3.11 and npm.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SENDCASE := $(BIN)/sendcase
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CSS := build/frontend/sendcase/sendcase.css
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: run install assets migrate demo test lint test-python test-postgres test-browser ci clean

run: install migrate demo
	@SENDCASE_URL=http://$(HOST):$(PORT) $(BIN)/python -m sendcase.demo.signins
	$(SENDCASE) runserver $(HOST):$(PORT)

install: $(PY_STAMP) assets

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,browser]"
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

assets: $(CSS)

$(CSS): $(NODE_STAMP) $(wildcard frontend/*.scss) frontend/init.js
	npm run --silent build

migrate: $(PY_STAMP)
	$(SENDCASE) migrate --no-input

# The DfE's published EHCP statistics, beside the project in ../shared when it is there: the
# statistics page then compares the demo council with England, its region and similar councils.
DFE_RELEASE ?= ../shared/data/dfe-ehcp-statistics-2025/education-health-and-care-plans_2025.zip

# Loads the demo council once; later runs keep whatever you changed while clicking through.
demo: $(PY_STAMP)
	$(SENDCASE) seed_demo --scale la --if-empty
	@if [ -f "$(DFE_RELEASE)" ]; then $(SENDCASE) load_dfe_statistics --if-empty "$(DFE_RELEASE)"; \
	else echo "No DfE release at $(DFE_RELEASE): the statistics page shows the council's own figures only."; fi

lint: $(PY_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test-python: install
	$(BIN)/pytest -m "not browser" -n $(PYTEST_WORKERS) -q

test: lint test-python

# The same suite on a real PostgreSQL cluster the script creates and removes.
test-postgres: install
	scripts/with-postgres $(BIN)/pytest -m "not browser" -n $(PYTEST_WORKERS) -q

# Pages in Debian's Chromium, with axe-core on every page visited.
test-browser: install
	scripts/browser-deps
	$(BIN)/pytest -m browser -q

ci: test test-postgres test-browser

clean:
	rm -rf $(VENV) node_modules build var/staticfiles
