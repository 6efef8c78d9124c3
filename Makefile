# Developer commands. `make sandbox` runs the demo site, `make test` runs the test suite.
# Both create the virtual environment on first use and reuse it afterwards.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
BENCH_STAMP := $(VENV)/.bench-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DOCS_STAMP := $(VENV)/.docs-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PYTEST_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help sandbox test test-postgres test-mariadb test-browser lint format migrations-check \
	messages package-check sandbox-check test-wagtail70 bench-providers bench-usage bench-activity \
	bench-backoffice docs clean

help:
	@echo "make sandbox         run the demo site on http://$(HOST):$(PORT)/ (admin under /admin/)"
	@echo "make test            run the test suite on SQLite, with branch coverage"
	@echo "make test-postgres   the same suite on PostgreSQL at 127.0.0.1:5432"
	@echo "make test-mariadb    the same suite on MariaDB at 127.0.0.1:3306"
	@echo "make bench-activity  publish a page with activity capture on/off and with django-auditlog"
	@echo "make lint            ruff, import-linter (layers), function-local imports, mypy, makemigrations --check"
	@echo "make format          apply ruff's fixes and formatting"
	@echo "make messages        refresh and compile the translation catalogues"
	@echo "make test-wagtail70  the suite on the oldest supported Wagtail (7.0)"
	@echo "make bench-providers tracker tags vs django-analytical (BENCH_ARGS=\"--cache redis\")"
	@echo "make sandbox-check   migrate and load the demo data on a throw-away database, then browse it"
	@echo "make bench-usage     page throughput with usage counting off / database / cache (needs Redis)"
	@echo "make bench-backoffice dashboard vs Site history report, CSV export (BENCH_ARGS=\"--events 100000\")"
	@echo "make docs            build the documentation site into site/ (mkdocs build --strict)"
	@echo "make package-check   build the sdist and wheel, twine check, install the wheel in a fresh venv"

$(STAMP):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[testing,sandbox]"
	rm -f $(VENV)/.installed-*
	touch $@

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[testing,sandbox,bench]"
	rm -f $(VENV)/.bench-*
	touch $@

$(DOCS_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[testing,sandbox,docs]"
	rm -f $(VENV)/.docs-*
	touch $@

sandbox: $(STAMP)
	cd sandbox && ../$(BIN)/python manage.py migrate --noinput -v 0
	cd sandbox && ../$(BIN)/python manage.py load_demo_data
	cd sandbox && ../$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest --cov --cov-report=term $(PYTEST_ARGS)

test-postgres: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/wagtail_tracking} \
		$(BIN)/python -m pytest $(PYTEST_ARGS)

test-mariadb: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-mysql://root@127.0.0.1:3306/wagtail_tracking} \
		$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python .ci/local_imports.py
	$(BIN)/python .ci/sizes.py
	$(BIN)/mypy
	PYTHONPATH=. DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/django-admin makemigrations --check --dry-run
	cd sandbox && ../$(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(STAMP)
	cd wagtail_tracking && ../$(BIN)/django-admin makemessages -l fr --no-obsolete
	cd wagtail_tracking && ../$(BIN)/django-admin makemessages -d djangojs -l fr --no-obsolete
	cd wagtail_tracking && ../$(BIN)/django-admin compilemessages

# The oldest supported Wagtail, in a virtual environment of its own.
test-wagtail70:
	test -x .venv-wagtail70/bin/python || $(PYTHON) -m venv .venv-wagtail70
	.venv-wagtail70/bin/python -m pip install --quiet -e ".[testing]" "wagtail>=7.0,<7.1"
	.venv-wagtail70/bin/python -m pytest -q $(PYTEST_ARGS)

# Tracker tags against django-analytical's for GA4 + Matomo (medians, ratio, warm queries).
bench-providers: $(BENCH_STAMP)
	$(BIN)/python bench/providers_render.py $(BENCH_ARGS)

sandbox-check: $(STAMP)
	$(BIN)/python .ci/check_sandbox.py

package-check: $(STAMP)
	$(BIN)/python .ci/check_package.py

bench-usage: $(BENCH_STAMP)
	$(BIN)/python bench/usage_serve.py $(BENCH_ARGS)

# Publishing a page with activity capture on, off, and with django-auditlog; medians and ratios.
bench-activity: $(BENCH_STAMP)
	$(BIN)/python bench/activity_publish.py $(BENCH_ARGS)

# Back-office dashboard vs Wagtail's Site history report, and the CSV export (PostgreSQL).
bench-backoffice: $(BENCH_STAMP)
	$(BIN)/python bench/backoffice_dashboard.py $(BENCH_ARGS)

# The documentation site, strict: broken links, missing pages and docs/code drift fail it.
docs: $(DOCS_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

clean:
	rm -rf $(VENV) build dist site *.egg-info .pytest_cache .ruff_cache .coverage htmlcov
