# Two commands do everything on a fresh machine with Python 3.11+ and make:
#   make run    set up, load the demo site, serve on http://127.0.0.1:8000
#   make test   set up, run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
# Where `make run` serves, e.g. `make run ADDR=0.0.0.0:8080` (0.0.0.0: this machine's
# network address); the site's own links (canonical, sitemap, feeds) follow it.
ADDR ?= 127.0.0.1:8000
# One pytest worker per core (pytest-xdist); CI passes its own arguments.
PYTEST_ARGS ?= -n auto

.PHONY: run test setup migrate bench lint check clean messages scale-check soak audit deploy-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

migrate: setup
	$(MANAGE) migrate --noinput

run: migrate
	$(MANAGE) load_demo --if-empty
	$(MANAGE) site_address $(ADDR)
	$(MANAGE) ensure_admin
	OPS_SERVED_AT=$(ADDR) $(MANAGE) runserver_with_scheduler $(ADDR)

test: setup
	$(BIN)/pytest $(PYTEST_ARGS)

bench: migrate
	$(PY) scripts/bench.py

scale-check: setup
	$(PY) scripts/scale_check.py

# nginx from deploy/ (throw-away certificate, loopback ports) in front of gunicorn with
# production settings: TLS, redirects, headers, media, Range, upload limit, client address.
deploy-check: setup
	$(PY) scripts/deploy_check.py

# Mixed traffic with faults, SOAK_SECONDS per configuration (default 300): SQLite, then
# two app servers on PostgreSQL + Redis. Prints its table; fails when a check fails.
soak: setup
	$(PY) scripts/soak.py

# Accessibility: axe-core WCAG 2.1 A/AA violations per page type of the demo site (all 0).
audit: setup
	$(PY) scripts/audit.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: setup
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=website.settings.production DJANGO_SECRET_KEY=check-only-$$(date +%s)-not-a-real-key-but-long-enough-for-django-checks DJANGO_ALLOWED_HOSTS=ops.example.pl $(MANAGE) check --deploy --fail-level WARNING

messages: setup
	$(MANAGE) makemessages -l pl --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests
	$(MANAGE) compilemessages -l pl --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .test-media .test-db.sqlite3
