# Liaison: `make run` serves the platform with demo data; `make test` runs every check.
# Both set up everything they need (virtualenv, Python packages, front-end assets,
# translations with Debian's gettext, Debian's pango and CJK fonts for PDF documents, and for
# tests Debian's Chromium) and can be run on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := liaison/static/vendor
CHROMIUM ?= /usr/bin/chromium
PYTEST_ARGS ?=
# Every apt-get waits up to ten minutes for the package manager's lock (another installation
# running on the machine) instead of stopping with "Could not get lock".
APT_GET := apt-get -o DPkg::Lock::Timeout=600

DOCUMENT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk

.PHONY: run test setup assets messages gettext chromium documents lint typecheck pytest demo clean makemessages bench bench-compare

$(BIN)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/.installed assets messages

# Front-end assets come from the npm registry and are served by the app itself.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(VENDOR)/.copied: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/bootstrap $(VENDOR)/htmx $(VENDOR)/echarts $(VENDOR)/leaflet
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js $(VENDOR)/bootstrap/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/echarts/
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images $(VENDOR)/leaflet/
	touch $@

assets: $(VENDOR)/.copied

# Compiled catalogues (.mo) are build output, never committed (they conflicted on every rebase):
# compiled here every time, with Debian's gettext installed when msgfmt is missing.
messages: $(BIN)/.installed gettext
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

gettext:
	@command -v msgfmt >/dev/null 2>&1 || { \
	  echo "Installing Debian's gettext to compile the translations"; \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO $(APT_GET) update -qq && $$SUDO $(APT_GET) install -y -qq gettext >/dev/null; }

makemessages: $(BIN)/.installed gettext
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=node_modules --ignore=var --no-obsolete --no-location --ignore=test-artefacts
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

# Browser tests drive Debian's Chromium; never a browser downloaded by a test tool.
chromium:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO $(APT_GET) update -qq && $$SUDO $(APT_GET) install -y -qq chromium fonts-noto-cjk >/dev/null; }

# Formal documents (a procuratorial recommendation as PDF) are set by WeasyPrint, which needs
# pango, in Debian's Noto CJK fonts; installed with apt-get only when missing, as Chromium is.
documents:
	@missing=$$(for p in $(DOCUMENT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || printf '%s ' $$p; done); \
	test -z "$$missing" || { \
	  echo "Installing Debian's $$missing for the formal documents (PDF)"; \
	  SUDO=$$(test "$$(id -u)" = 0 || echo sudo); \
	  $$SUDO $(APT_GET) update -qq && $$SUDO $(APT_GET) install -y -qq $$missing >/dev/null; }

demo: setup documents
	LIAISON_DEBUG=1 $(PY) manage.py migrate --noinput -v 0
	LIAISON_DEBUG=1 $(PY) manage.py load_demo

# Beside the web server: the task worker that sends notifications, and a five-minute loop that
# does what cron does in production (deadline reminders, retries of failed sends).
run: demo
	@echo "Liaison on http://$(HOST):$(PORT)/  (notifications are sent by a background worker)"
	LIAISON_DEBUG=1 $(PY) manage.py db_worker --interval 2 & worker=$$!; \
	( while true; do LIAISON_DEBUG=1 $(PY) manage.py send_deadline_reminders; \
	  LIAISON_DEBUG=1 $(PY) manage.py send_booking_reminders; \
	  LIAISON_DEBUG=1 $(PY) manage.py retry_deliveries; sleep 300; done ) & scheduler=$$!; \
	trap "kill $$worker $$scheduler 2>/dev/null" EXIT INT TERM; \
	LIAISON_DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(BIN)/.installed
	$(BIN)/mypy liaison

pytest: setup chromium documents
	LIAISON_CHROMIUM=$(CHROMIUM) $(BIN)/pytest -n 2 $(PYTEST_ARGS)

test: lint typecheck pytest

# Timings of the public-interest queries at scale, on a database of their own (never the one in
# use): DATABASE_URL names it, BENCH_CLUES how many clues to generate (once; a second run reuses
# them). e.g. make bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/liaison_bench
BENCH_CLUES ?= 1000000
BENCH_RUNS ?= 20
# Then public clue submissions per second: gunicorn with as many workers as cores serves the
# platform on that database, and bench/loadgen.py (another process) sends BENCH_SECONDS of
# submissions (docs/benchmarks.md).
BENCH_SECONDS ?= 30
bench: $(BIN)/.installed
	@test -n "$(DATABASE_URL)" || { echo "make bench needs DATABASE_URL (a database of its own)"; exit 2; }
	DATABASE_URL=$(DATABASE_URL) $(PY) manage.py migrate --noinput -v 0
	DATABASE_URL=$(DATABASE_URL) $(PY) manage.py bench_publicinterest --clues $(BENCH_CLUES) --runs $(BENCH_RUNS)
	DATABASE_URL=$(DATABASE_URL) $(PY) manage.py bench_public_report --seconds $(BENCH_SECONDS)

# The same measure of django-helpdesk's public ticket form, in a throw-away virtualenv outside
# the repository (HELPDESK_DIR) on a database of its own (HELPDESK_DATABASE_URL): both servers
# run side by side and the load generator measures them in turns (BENCH_ROUNDS each, of
# BENCH_SECONDS in all per side), so that a machine whose speed drifts during the run weighs on
# both alike; then both figures side by side, with the ratio of each round.
HELPDESK_DIR ?= /work/helpdesk-bench
HELPDESK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/helpdesk_bench
BENCH_ROUNDS ?= 6
bench-compare: $(BIN)/.installed
	@test -n "$(DATABASE_URL)" || { echo "make bench-compare needs DATABASE_URL (a database of its own)"; exit 2; }
	DATABASE_URL=$(DATABASE_URL) $(PY) manage.py migrate --noinput -v 0
	DATABASE_URL=$(DATABASE_URL) $(PY) manage.py bench_publicinterest --clues $(BENCH_CLUES) --runs $(BENCH_RUNS)
	DATABASE_URL=$(DATABASE_URL) $(PY) manage.py bench_public_report --prepare-only
	HELPDESK_DIR=$(HELPDESK_DIR) HELPDESK_DATABASE_URL=$(HELPDESK_DATABASE_URL) bash bench/helpdesk/run.sh serve
	DATABASE_URL=$(DATABASE_URL) $(PY) manage.py bench_public_report --seconds $(BENCH_SECONDS) \
	  --against http://127.0.0.1:8312 --against-plan var/bench/helpdesk-plan.json \
	  --rounds $(BENCH_ROUNDS); status=$$?; bash bench/helpdesk/run.sh stop; exit $$status
	$(PY) bench/helpdesk/compare.py var/bench/liaison.json var/bench/against.json

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var test-artefacts
