# motcua — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export MOTCUA_DATA_DIR ?= $(CURDIR)/var

.PHONY: run install system-packages test test-fast bench lint format schema messages clean

run: install
	$(BIN)/motcua migrate
	$(BIN)/motcua demo
	MOTCUA_PAYMENTS_SANDBOX=$${MOTCUA_PAYMENTS_SANDBOX:-1} MOTCUA_BIN=$(BIN) scripts/run

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "motcua needs Python >= 3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: system-packages $(BIN)/.installed

system-packages:
	@scripts/install-system-packages

# The whole suite, on SQLite and then on PostgreSQL (skipped loudly when absent; required when CI=true).
test: install
	scripts/test

# The inner loop: SQLite only, without the suites marked slow.
test-fast: install
	MOTCUA_TEST_DATABASES=sqlite scripts/test -m "not slow"

bench: install
	$(BIN)/motcua bench

lint: install
	$(BIN)/ruff check src testing benchmarks conftest.py
	$(BIN)/ruff format --check src testing benchmarks conftest.py
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix src testing benchmarks conftest.py
	$(BIN)/ruff format src testing benchmarks conftest.py

# Regenerate the committed OpenAPI file after an API change (a test fails while they differ).
schema: install
	$(BIN)/motcua manage spectacular --file docs/openapi.yaml --validate

# Refresh the English catalogue after adding Vietnamese strings, then translate the new entries.
messages: install
	cd src/motcua && ../../$(BIN)/motcua manage makemessages -l en --no-obsolete --no-location
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) var
