# The two commands of the README: `make test` and `make demo`.
# Both set up .venv from the project's own files on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: test demo lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks

test: lint
	$(BIN)/pytest

demo: $(VENV)/.installed
	$(BIN)/alliancescore demo

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_kernels.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
