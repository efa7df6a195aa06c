# CivicDesk developer commands. `make demo` and `make test` are the two that matter.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test setup lint typecheck test-sqlite test-postgres bench clean

$(BIN)/.installed: pyproject.toml
	@PYTHON_BIN=$$(scripts/find-python) && echo "Using $$PYTHON_BIN" && \
	  { [ -x $(PY) ] || $$PYTHON_BIN -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

setup: $(BIN)/.installed

## Set up, migrate, load the demo city (once) and serve it on http://$(HOST):$(PORT)
demo: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py run_scheduler & trap 'kill $$!' EXIT; \
	  CIVICDESK_DEBUG=$${CIVICDESK_DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

## Set up and run every check: lint, migrations, the suite on SQLite (and PostgreSQL in CI)
test: setup
	scripts/install-system-packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(PY) manage.py makemigrations --check --dry-run
	CIVICDESK_PRODUCTION=1 CIVICDESK_SECRET_KEY=ci-only-$$RANDOM-not-a-real-secret-0123456789abcdefghijklmnop \
	  CIVICDESK_ALLOWED_HOSTS=311.example.gov $(PY) manage.py check --deploy --fail-level WARNING
	$(BIN)/pytest -q -p no:cacheprovider
	@if [ -n "$$CIVICDESK_TEST_POSTGRES" ] || [ -n "$$CI" ]; then $(MAKE) --no-print-directory test-postgres; fi

test-postgres: setup
	DATABASE_URL=$${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/civicdesk} $(BIN)/pytest -q -p no:cacheprovider

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy .

clean:
	rm -rf $(VENV) var/ .pytest_cache
