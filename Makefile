# Two entry points: `make serve` (install + run the embedded server; `make serve PORT=8010`
# for another port) and
# `make test` (install everything the tests need + lint, type-check and run them all).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LINTED := src tests bench
# pytest-xdist workers; a module's tests stay on one worker, so its servers start once.
TEST_WORKERS ?= 2
# Where `make serve` listens.
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadscope
# How many days the second run of `make test` moves the wall clock ahead: every Python process
# of that run (pytest, its workers, each `todo` it starts) and the browser's pages read it
# (tests/support/clock_ahead/sitecustomize.py).
CLOCK_AHEAD_DAYS ?= 400
# ...at this time of day (UTC), when the web tests' New York is still on the day before.
CLOCK_AHEAD_AT ?= 02:30
CLOCK_AHEAD := TEST_CLOCK_AHEAD_DAYS=$(CLOCK_AHEAD_DAYS) TEST_CLOCK_AT=$(CLOCK_AHEAD_AT) PYTHONPATH=$(CURDIR)/tests/support/clock_ahead
CLOCK_TESTS := not deploy and not cluster and not containers and not faults and not dapr

.PHONY: install serve test lint test-deps

$(BIN)/todo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==0.9.30
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[dev]'
	touch $@

install: $(BIN)/todo

serve: install
	$(BIN)/todo serve --host $(HOST) --port $(PORT)

test-deps: install
	bash scripts/install-test-deps.sh

lint: install
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

# The whole suite; then again with the wall clock CLOCK_AHEAD_DAYS ahead, so no test can depend on
# today's date. The second run leaves out the chart, cluster, container, fault and Dapr tests:
# they take minutes and date nothing of their own.
test: test-deps lint
	$(PYTEST)
	$(CLOCK_AHEAD) $(PYTEST) -m '$(CLOCK_TESTS)'

