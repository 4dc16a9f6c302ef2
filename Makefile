# Two commands set everything up:  `make demo` (the main job on the bundled example)
# and `make test` (the whole test suite). Both create .venv on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test bench fuzz schemas clean

$(BIN)/wfl: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/wfl
	$(BIN)/wfl check examples/
	$(BIN)/wfl export-ha examples/lights.wfl | head -40

test: $(BIN)/wfl
	$(BIN)/python -m pytest

bench: $(BIN)/wfl
	$(BIN)/python benchmarks/bench_core.py

fuzz: $(BIN)/wfl
	$(BIN)/python benchmarks/fuzz.py

schemas: $(BIN)/wfl
	$(BIN)/python -m wfl.schemas.generate

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
