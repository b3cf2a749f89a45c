# Two entry points: `make run` (set up, build the graph from seeds/, show what it holds)
# and `make test` (set up, then lint, type-check and run the whole test suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup run build check test clean golden

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

check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: check
	$(BIN)/python -m pytest

clean:
	rm -rf build test-artifacts .pytest_cache .mypy_cache .ruff_cache

# Regenerate the golden graphs of tests/golden/ from the seeds; review `git diff tests/golden/` after.
golden: setup
	$(BIN)/python tests/regenerate_golden.py
