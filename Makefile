# Two entry points: `make serve` (install + run the embedded server) and
# `make test` (install everything the tests need + lint, type-check and run them all).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LINTED := src tests bench

.PHONY: install serve test lint test-deps

$(BIN)/todo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==0.9.30
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]'
	touch $@

install: $(BIN)/todo

serve: install
	$(BIN)/todo serve

test-deps: install
	bash scripts/install-test-deps.sh

lint: install
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

test: test-deps lint
	$(BIN)/pytest
