# `make build` and `make test` set everything up on a fresh Debian machine first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test setup system lint bench clean

build: setup
	$(BIN)/guideline build

test: setup
	$(BIN)/python -m pytest -q

setup: system $(STAMP)

system:
	@sh tooling/setup-system.sh

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

lint: setup
	$(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build .cache
