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
# How far the second run of `make test` moves the clock (libfaketime's offset syntax).
CLOCK_AHEAD ?= +400d
CLOCK_TESTS := not deploy and not cluster and not containers and not faults and not dapr
# Subprocess-heavy groups with time budgets of their own that date nothing (CLI start-up, MCP
# clients, metrics and trace processes, the pool, the schemathesis run) stay out of it too.
CLOCK_SKIP := --ignore=tests/cli --ignore=tests/mcp --ignore=tests/observability \
	--ignore=tests/store --ignore=tests/api/test_contract.py

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

# The whole suite; then again with the system clock CLOCK_AHEAD, so no test can depend on
# today's date. The second run leaves out the chart, cluster, container, fault and Dapr tests:
# they take minutes and date nothing of their own.
test: test-deps lint
	$(PYTEST)
	faketime -f '$(CLOCK_AHEAD)' $(PYTEST) -m '$(CLOCK_TESTS)' $(CLOCK_SKIP)

