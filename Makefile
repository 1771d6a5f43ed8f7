# Two commands set everything up on a fresh machine: `make demo` and `make test`.
# Both can be run again at any time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck check bench graphviz clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "argmap needs Python 3.11 or newer; set PYTHON=python3.11 (or newer)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

graphviz:
	@bash .ci/ensure-graphviz

demo: $(STAMP) graphviz
	@echo
	@echo '$$ argmap check examples/crisis_core.yaml'
	@$(BIN)/argmap check examples/crisis_core.yaml
	@echo
	@echo '$$ argmap stats examples/crisis_core.yaml'
	@$(BIN)/argmap stats examples/crisis_core.yaml
	@echo
	@echo 'The map is examples/crisis_core.yaml; try `$(BIN)/argmap --help`.'

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check argmap tests benchmarks examples
	$(BIN)/ruff format --check argmap tests benchmarks examples
	$(BIN)/mypy

# Every gate, as CI runs them.
check: lint test

bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
