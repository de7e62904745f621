# The two commands of the README: `make test` and `make demo`.
# Both set up .venv from the project's own files on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: test test-fast fuzz demo lint docs bench bench-smaa bench-memory bench-startup bench-study clean browser install-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,xlsx,docs,study]'
	touch $@

# The demo needs only the package and its study extra (pyarrow): about 20 s less to install
# on a fresh machine than the test, xlsx and docs tools as well.
$(VENV)/.installed-demo: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[study]'
	touch $@

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

test: lint browser
	$(BIN)/pytest

# Explore new mutants of the shipped files (make test runs a fixed slice of 25 per test).
fuzz: $(VENV)/.installed
	HYPOTHESIS_PROFILE=explore FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-500} $(BIN)/pytest -q tests/fuzz \
		--hypothesis-show-statistics

# While editing: everything but the browser and the slow whole-command tests (make test runs all).
test-fast: $(VENV)/.installed
	$(BIN)/pytest -m "not browser and not slow"

# The HTML report browser test drives Debian's chromium (never a downloaded browser): install
# it when running as root (CI), else say how; without it that test is skipped with the reason.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && apt-get install -y -qq chromium; \
	else \
		echo "browser test needs Debian's chromium: sudo apt-get install -y chromium"; \
	fi

# The documentation site, offline: README sections and the API from the docstrings, into site/
# (open site/index.html). --strict fails on any warning (a broken link, a missing README section,
# a docstring griffe cannot read); then no page may load anything from another host. make test
# builds it too (tests/test_docs.py).
docs: $(VENV)/.installed
	$(BIN)/mkdocs build --strict
	$(BIN)/python tests/docs_offline.py site

# A wheel installed into a new environment outside the checkout, used from a folder of its own.
install-check: $(BIN)/python
	PYTHON=$(PYTHON) .ci/install_check

demo: $(VENV)/.installed-demo
	$(BIN)/alliancescore demo

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_kernels.py

bench-smaa: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_smaa.py

bench-memory: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_memory.py

bench-startup: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_startup.py --cold

bench-study: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_study.py

clean:
	rm -rf $(VENV) build site src/*.egg-info .pytest_cache .ruff_cache
