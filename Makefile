# Perintah yang disebut README.
PYTHON ?= python3

.PHONY: setup demo test test-postgres lint format bench data-provinsi data-negara bench-beban bench-peringkat bench-lkjip bench-pohon bench-baca bench-cli

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
	ruff check . && ruff format --check . && lint-imports && mypy

format:
	ruff format . && ruff check --fix .

bench:
	$(PYTHON) bench/bench_documents.py

# Uji skala (docs/performance.md). Basis data dari DATABASE_URL/SAKIP_HOME, seperti aplikasinya.
data-provinsi:
	$(PYTHON) bench/data_skala.py --skala provinsi

data-negara:
	$(PYTHON) bench/data_skala.py --skala negara

bench-beban:
	$(PYTHON) bench/bench_beban.py

bench-peringkat:
	$(PYTHON) bench/bench_peringkat.py

bench-pohon:
	$(PYTHON) bench/bench_pohon.py

bench-lkjip:
	$(PYTHON) bench/bench_lkjip.py

# Membaca + mereviu laporan tercetak (teks, PDF, DOCX kedua laporan contoh)
bench-baca:
	$(PYTHON) bench/bench_baca.py

bench-cli:
	$(PYTHON) bench/bench_cli.py
