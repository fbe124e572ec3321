# bimun: `make run` to try it, `make test` to check it. Only Python 3.11 and make are needed.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 1
# The settings size the database pool by it, and check_workers refuses several processes
# without Redis.
export BIMUN_WORKERS := $(WORKERS)

.PHONY: install setup run serve test test-fast lint format messages bench samples clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

## setup: install, migrate and collect static files: what a server needs before `make serve`
setup: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input --verbosity 0

## run: install, migrate, seed the BIMUN 2024 demo, and serve http://127.0.0.1:8000 with websockets
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo --demo-accounts
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py demo_logins --url http://$(HOST):$(PORT)
	$(MAKE) --no-print-directory serve

## serve: only start the ASGI server (HTTP and websockets), e.g. WORKERS=4 HOST=0.0.0.0 make serve
# Websocket messages are not compressed: a compressor kept for every socket costs tens of KiB
# of memory and CPU on every message (bench/RESULTS.md), and pushes are small HTML fragments.
# A hall's screens connecting at once must not overflow the queue of connections waiting to
# be accepted (uvicorn's default holds 2,048; the kernel caps it at net.core.somaxconn).
serve: install
	$(PY) manage.py check_workers
	$(PY) manage.py clear_live_connections
	$(VENV)/bin/uvicorn bimun.asgi:application --host $(HOST) --port $(PORT) --workers $(WORKERS) \
		--ws websockets-sansio --ws-per-message-deflate false --backlog 4096 --lifespan off \
		--proxy-headers --no-access-log

# The suite runs on every core (pytest-xdist; TEST_WORKERS=0 runs it in one process). Each
# browser test module stays on one worker, and --no-loadscope-reorder keeps the browser tests
# after every other test of their worker. COVERAGE=1 also measures branch coverage, as CI does.
# PYTEST_ARGS passes more options, e.g. PYTEST_ARGS="-x tests/delegates".
TEST_WORKERS ?= auto
PYTEST_PARALLEL = -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder
PYTEST_COVERAGE = $(if $(filter 1,$(COVERAGE)),--cov --cov-report=term:skip-covered)

## test: the whole suite (browser tests run when Debian's chromium is installed)
test: install
	$(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_COVERAGE) $(PYTEST_ARGS)

test-fast: install
	$(PY) -m pytest $(PYTEST_PARALLEL) -m "not browser" -q $(PYTEST_ARGS)

# The live push measured over loopback against a bare websocket server: the embedded setup, then
# PostgreSQL + Redis with two workers when both answer. Writes bench/results.json and
# bench/RESULTS.md (see bench/README.md). BENCH_ARGS picks, e.g.
# BENCH_ARGS="--setup embedded --only fanout".
## bench: measure the live push (fan-out), pages and connect storms; under 15 minutes
bench: install
	$(PY) -m bench $(BENCH_ARGS)

## samples: the demo day's report exported again into docs/samples/ (PDF pages as PNG, both
## languages), from a throwaway database; needs poppler-utils (pdftoppm) and fonts-noto-cjk
SAMPLES := docs/samples
SAMPLE_PAGES ?= 1 5 6 12 15
samples: install
	rm -rf var/samples && mkdir -p var/samples $(SAMPLES)
	BIMUN_VAR_DIR=var/samples $(PY) manage.py migrate --no-input --verbosity 0
	BIMUN_VAR_DIR=var/samples $(PY) manage.py seed_demo --day --demo-accounts > /dev/null
	for lang in en zh-hans; do \
		BIMUN_VAR_DIR=var/samples $(PY) manage.py export_report c34 --format pdf --language $$lang \
			--output var/samples/c34-$$lang.pdf && \
		for page in $(SAMPLE_PAGES); do \
			pdftoppm -png -r 90 -singlefile -f $$page -l $$page var/samples/c34-$$lang.pdf \
				$(SAMPLES)/report-$$lang-page-$$page; \
		done; \
	done

## lint: what CI checks before the tests
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: refresh and compile the Chinese catalogue (needs GNU gettext)
messages: install
	$(PY) manage.py makemessages --locale zh_Hans --ignore ".venv/*" --ignore "var/*" --ignore "test-artifacts/*" --no-obsolete
	$(PY) manage.py compilemessages --locale zh_Hans --ignore ".venv/*"

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
