# Perintah yang disebut README.
PYTHON ?= python3

.PHONY: setup demo test test-postgres lint format bench

setup:
	$(PYTHON) -m pip install -e ".[dev]"

demo: setup
	sakip demo

test:
	$(PYTHON) -m pytest

# Suite yang sama pada PostgreSQL (server lokal, trust auth): DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakip_test
test-postgres:
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sakip} $(PYTHON) -m pytest

lint:
	ruff check . && ruff format --check .

format:
	ruff format . && ruff check --fix .

bench:
	$(PYTHON) bench/bench_documents.py
