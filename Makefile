# Two commands set everything up:  `make demo` (the main job on the bundled example)
# and `make test` (the whole test suite). Both create .venv on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-python test-vscode vsix bench fuzz schemas clean

$(BIN)/wfl: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/wfl
	$(BIN)/wfl check examples/
	$(BIN)/wfl export-ha examples/lights.wfl | head -40

test: test-vscode test-python

test-python: $(BIN)/wfl
	$(BIN)/python -m pytest

# The VS Code extension: build and test (its server tests use .venv).
test-vscode: $(BIN)/wfl
	cd clients/vscode && npm ci --no-audit --no-fund && npm run compile && npm test

vsix: test-vscode
	cd clients/vscode && npm run package

bench: $(BIN)/wfl
	$(BIN)/python benchmarks/bench_core.py
	$(BIN)/python benchmarks/bench_lsp.py

fuzz: $(BIN)/wfl
	$(BIN)/python benchmarks/fuzz.py

schemas: $(BIN)/wfl
	$(BIN)/python -m wfl.schemas.generate

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis clients/vscode/node_modules clients/vscode/out clients/vscode/dist
