# Two entry points: `make run` (set up, build the graph from seeds/, serve it on http://127.0.0.1:8080/)
# and `make test` (set up, install the browser and the Virtuoso the tests use, lint, type-check, run every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium
VIRTUOSO := /usr/bin/virtuoso-t

.PHONY: setup run build serve check test test-deps clean golden

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python3 -m venv failed: installing Debian's python3-venv"; \
	  apt-get update && apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

build: setup
	$(BIN)/kg build

run: build
	$(BIN)/kg stats
	$(BIN)/kg serve

# The page tests drive Debian's Chromium through Playwright (never a browser Playwright downloads);
# the server's tests also run over Debian's Virtuoso 7, started by the tests on 127.0.0.1.
test-deps:
	@test -x $(CHROMIUM) || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update && apt-get install -y --no-install-recommends chromium; }
	@test -x $(VIRTUOSO) || { \
	  echo "installing Debian's Virtuoso 7 for the tests over an external store"; \
	  apt-get update && apt-get install -y --no-install-recommends virtuoso-opensource-7-bin; }

check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: check test-deps
	$(BIN)/python -m pytest

clean:
	rm -rf build test-artifacts .pytest_cache .mypy_cache .ruff_cache

# Regenerate the golden graphs of tests/golden/ from the seeds; review `git diff tests/golden/` after.
golden: setup
	$(BIN)/python tests/regenerate_golden.py

# The benchmark (docs/benchmark.md): every peer on the same synthetic graphs, reports in bench/results/.
# SIZES=10k,100k,1m by default; 10m is opt-in (make bench SIZES=10m).
SIZES ?= 10k,100k,1m
.PHONY: bench
bench: setup
	$(BIN)/python -m bench --sizes $(SIZES)

# Building at scale (docs/scale.md): kg build on generated corpora of 1,000 and 10,000 articles, one
# article added, validation at 1M triples against plain pySHACL; prints the figures (about an hour).
.PHONY: bench-build
bench-build: setup
	$(BIN)/python -m bench.build_scale run
