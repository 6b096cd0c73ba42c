# spinekg: `make demo` and `make test` each bootstrap .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_DEMO := $(VENV)/.demo-installed
STAMP_DEV  := $(VENV)/.dev-installed

.PHONY: demo test test-slow lint build docs bench clean release

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP_DEMO): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"
	touch $@ $(STAMP_DEMO)

demo: $(STAMP_DEMO)
	$(BIN)/python -m spinekg demo

lint: $(STAMP_DEV)
	$(BIN)/ruff check spinekg tests benchmarks

# the suite on both cores; the slow marker (servers, the docs site, release consumers, big
# files) is left to test-slow, which CI runs after it
test: $(STAMP_DEV) lint
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 2 --dist worksteal -m "not slow" --nbmake spinekg tests $(wildcard notebooks/*.ipynb)

test-slow: $(STAMP_DEV)
	$(BIN)/python -m pytest -q -p no:cacheprovider -n 2 --dist worksteal -m slow spinekg tests

build: $(STAMP_DEMO)
	$(BIN)/spinekg build

# the site (docs/_build/html): guide, API reference, executed notebooks, ontology page
docs: $(STAMP_DEV)
	$(BIN)/python -m sphinx -b html -W --keep-going docs docs/_build/html

release: $(STAMP_DEMO)
	$(BIN)/spinekg release release/

bench: $(STAMP_DEV)
	$(BIN)/python benchmarks/bench_queries.py

clean:
	rm -rf $(VENV) build dist release *.egg-info
