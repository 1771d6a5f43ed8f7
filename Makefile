# Two commands set everything up on a fresh machine: `make demo` and `make test`.
# Both can be run again at any time.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck check bench fuzz graphviz chromium hyperfine docs clean

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

# Debian's Chromium, for the browser tests of the HTML report (Playwright drives it).
chromium:
	@bash .ci/ensure-chromium

# hyperfine, with which the start-up benchmark (and its test) times whole commands.
hyperfine:
	@bash .ci/ensure-hyperfine

DEMO_MAP := examples/crisis_has_matured.yaml
DEMO_SVG := build/crisis_has_matured.svg
DEMO_HTML := build/crisis_has_matured.html

demo: $(STAMP) graphviz
	@mkdir -p build
	@echo
	@echo '$$ argmap stats $(DEMO_MAP)'
	@$(BIN)/argmap stats $(DEMO_MAP)
	@echo
	@echo '$$ argmap check $(DEMO_MAP)'
	@$(BIN)/argmap check $(DEMO_MAP)
	@echo
	@echo '$$ argmap render $(DEMO_MAP) -o $(DEMO_SVG)'
	@$(BIN)/argmap render $(DEMO_MAP) -o $(DEMO_SVG)
	@echo
	@echo '$$ argmap render $(DEMO_MAP) -o $(DEMO_HTML)'
	@$(BIN)/argmap render $(DEMO_MAP) -o $(DEMO_HTML)
	@echo
	@echo 'The picture of the worked example is $(DEMO_SVG);'
	@echo 'open $(DEMO_HTML) in a browser for the report: the map, the text and the findings'
	@echo 'side by side (click a box to see its quote).'
	@echo 'The map is $(DEMO_MAP), its guide examples/crisis_has_matured.md;'
	@echo 'try `$(BIN)/argmap --help`.'

test: $(STAMP) graphviz chromium hyperfine
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check argmap tests benchmarks examples
	$(BIN)/ruff format --check argmap tests benchmarks examples
	$(BIN)/mypy

# Every gate, as CI runs them.
check: lint test

# The mutation fuzzer over every reader with fresh random cases, many more than `make test`
# runs (FUZZ_EXAMPLES per format); a failing case is printed, to become a regression test.
FUZZ_EXAMPLES ?= 2000
fuzz: $(STAMP) graphviz
	ARGMAP_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) ARGMAP_FUZZ_RANDOM=1 $(BIN)/python -m pytest -q tests/test_fuzz.py

# The picture in the README, drawn again from the worked example.
docs: $(STAMP) graphviz
	$(BIN)/argmap render $(DEMO_MAP) -o docs/crisis_has_matured.svg

# Benchmark at 1,000, 10,000 and 100,000 claims (minutes), beside arguebuf and @argdown/core;
# prints the table and draws docs/benchmarks.png. A peer that cannot be installed is skipped.
# Also the start-up of `argmap check` on the worked example, against its 0.25 s target.
# Then the real corpora of ../shared/data (or ARGMAP_CORPUS_DIR), file by file, beside
# arguebuf: the table is printed and written into docs/benchmarks.md ("Real corpora").
# Last, check and stats over those corpora with --jobs 1 and --jobs N (all cores).
BENCH_ARGS ?=
CORPUS_ARGS ?=
bench: $(STAMP) hyperfine
	$(BIN)/python -m pip install --quiet -e '.[bench]' || \
	  echo 'could not install the bench extra: the benchmark skips what it lacks'
	$(BIN)/python -m benchmarks.bench --install-peers $(BENCH_ARGS)
	$(BIN)/python -m benchmarks.startup
	$(BIN)/python -m benchmarks.corpus $(CORPUS_ARGS)
	$(BIN)/python -m benchmarks.jobs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
