# Developer commands. `make sandbox` runs the demo site, `make test` runs the test suite.
# Both create the virtual environment on first use and reuse it afterwards.

# Each supported Python, from PATH or else from pyenv's versions (`pyenv root`). A candidate
# counts only if it runs: a pyenv shim exists for every installed version but fails for one that
# `pyenv global` does not list.
find_python = $(firstword $(foreach candidate,$(shell command -v python$(1) 2>/dev/null) \
	$(sort $(wildcard $(shell pyenv root 2>/dev/null || echo $(HOME)/.pyenv)/versions/$(1)*/bin/python$(1))),\
	$(if $(shell $(candidate) -c 'print(1)' 2>/dev/null),$(candidate))))
PYTHON313 ?= $(call find_python,3.13)
PYTHON312 ?= $(call find_python,3.12)
PYTHON311 ?= $(call find_python,3.11)
# The default environment (.venv) is the newest supported stack: Python 3.13, Django 6.1,
# Wagtail 8, with wagtail-modeladmin so that its integration is tested.
PYTHON ?= $(or $(PYTHON313),python3)
NEWEST ?= "Django>=6.1,<6.2" "wagtail>=8.0,<9"
VENV ?= .venv
BIN := $(VENV)/bin
PYPROJECT_SUM := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(PYPROJECT_SUM)
BENCH_STAMP := $(VENV)/.bench-$(PYPROJECT_SUM)
DOCS_STAMP := $(VENV)/.docs-$(PYPROJECT_SUM)
# The demo runs in an environment of its own, with only what it needs (no test toolchain). The
# package is installed for its dependencies; PYTHONPATH makes the working tree's code the one
# that runs (an editable install would print setuptools' warning about the flat layout).
SANDBOX_VENV ?= .venv-sandbox
SANDBOX_BIN := $(SANDBOX_VENV)/bin
SANDBOX_STAMP := $(SANDBOX_VENV)/.installed-$(PYPROJECT_SUM)
PYTEST_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help sandbox test test-postgres test-mariadb test-browser lint format migrations-check \
	messages package-check sandbox-check test-oldest test-wagtail74 fresh-project-check \
	fresh-project-check-oldest bench-providers bench-usage bench-activity \
	bench-backoffice bench-alerts docs clean

help:
	@echo "make sandbox         run the demo site on http://$(HOST):$(PORT)/ (admin under /admin/)"
	@echo "make test            run the test suite on SQLite, with branch coverage"
	@echo "make test-postgres   the same suite on PostgreSQL at 127.0.0.1:5432"
	@echo "make test-mariadb    the same suite on MariaDB at 127.0.0.1:3306"
	@echo "make test-browser    the browser tests only (Debian's Chromium, Playwright)"
	@echo "make bench-activity  publish a page with activity capture on/off and with django-auditlog"
	@echo "make lint            ruff, import-linter (layers), function-local imports, mypy, makemigrations --check"
	@echo "make format          apply ruff's fixes and formatting"
	@echo "make messages        refresh and compile the translation catalogues"
	@echo "make test-oldest     the suite on the oldest stack: Python 3.11, Django 5.2, Wagtail 7.0"
	@echo "make test-wagtail74  the suite on Python 3.12, Django 6.0, Wagtail 7.4"
	@echo "                     (both on SQLite, or on DATABASE_URL; tox -l lists every cell)"
	@echo "make fresh-project-check         wagtail start + README install steps + the built wheel"
	@echo "make fresh-project-check-oldest  the same on Python 3.11, Django 5.2, Wagtail 7.0"
	@echo "make bench-providers tracker tags vs django-analytical (BENCH_ARGS=\"--cache redis\")"
	@echo "make sandbox-check   migrate and load the demo data on a throw-away database, then browse it"
	@echo "make bench-usage     page throughput with usage counting off / database / cache (needs Redis)"
	@echo "make bench-alerts    what the alert rules add to a publish; a digest over 1M events (BENCH_ARGS=\"--events 200000\")"
	@echo "make bench-backoffice dashboard vs Site history report, CSV export (BENCH_ARGS=\"--events 100000\")"
	@echo "make docs            build the documentation site into site/ (mkdocs build --strict)"
	@echo "make package-check   build the sdist and wheel, twine check, install the wheel in a fresh venv"

$(STAMP):
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		echo "$(VENV) runs Python < 3.12, too old for Django 6.1: rm -rf $(VENV) and run make again"; \
		exit 1; fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[testing,sandbox,modeladmin]" $(NEWEST)
	rm -f $(VENV)/.installed-*
	touch $@

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[testing,sandbox,modeladmin,bench]" $(NEWEST)
	rm -f $(VENV)/.bench-*
	touch $@

$(DOCS_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[testing,sandbox,modeladmin,docs]" $(NEWEST)
	rm -f $(VENV)/.docs-*
	touch $@

$(SANDBOX_STAMP):
	$(PYTHON) -m venv $(SANDBOX_VENV)
	$(SANDBOX_BIN)/python -m pip install --quiet --upgrade pip
	$(SANDBOX_BIN)/python -m pip install --quiet ".[sandbox]"
	rm -f $(SANDBOX_VENV)/.installed-*
	touch $@

sandbox: $(SANDBOX_STAMP)
	cd sandbox && PYTHONPATH=$(CURDIR) ../$(SANDBOX_BIN)/python manage.py migrate --noinput -v 0
	cd sandbox && PYTHONPATH=$(CURDIR) ../$(SANDBOX_BIN)/python manage.py load_demo_data
	cd sandbox && PYTHONPATH=$(CURDIR) ../$(SANDBOX_BIN)/python manage.py runserver $(HOST):$(PORT)

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

# Other cells of the matrix (tox.ini), each in a virtual environment of its own, without
# wagtail-modeladmin (its tests skip: nothing of the integration is imported without it).
# The database is SQLite unless DATABASE_URL says otherwise.
.venv-oldest/.installed-$(PYPROJECT_SUM):
	test -x .venv-oldest/bin/python || $(PYTHON311) -m venv .venv-oldest
	.venv-oldest/bin/python -m pip install --quiet -e ".[testing]" "Django>=5.2,<5.3" "wagtail>=7.0,<7.1"
	rm -f .venv-oldest/.installed-*
	touch $@

.venv-wagtail74/.installed-$(PYPROJECT_SUM):
	test -x .venv-wagtail74/bin/python || $(PYTHON312) -m venv .venv-wagtail74
	.venv-wagtail74/bin/python -m pip install --quiet -e ".[testing]" "Django>=6.0,<6.1" "wagtail>=7.4,<7.5"
	rm -f .venv-wagtail74/.installed-*
	touch $@

# The browser tests alone (Debian's Chromium through Playwright), without coverage.
test-browser: $(STAMP)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

test-oldest: .venv-oldest/.installed-$(PYPROJECT_SUM)
	.venv-oldest/bin/python -m pytest $(PYTEST_ARGS)

test-wagtail74: .venv-wagtail74/.installed-$(PYPROJECT_SUM)
	.venv-wagtail74/bin/python -m pytest $(PYTEST_ARGS)

# A new `wagtail start` project following the README's install section, with the built wheel.
fresh-project-check: $(STAMP)
	$(BIN)/python .ci/fresh_project.py --python $(PYTHON313)

fresh-project-check-oldest: $(STAMP)
	$(BIN)/python .ci/fresh_project.py --python $(PYTHON311) --pins "Django>=5.2,<5.3" "wagtail>=7.0,<7.1"

# Tracker tags against django-analytical's for GA4 + Matomo (medians, ratio, warm queries).
bench-providers: $(BENCH_STAMP)
	$(BIN)/python bench/providers_render.py $(BENCH_ARGS)

sandbox-check: $(STAMP)
	$(BIN)/python .ci/check_sandbox.py

package-check: $(STAMP)
	$(BIN)/python .ci/check_package.py

bench-usage: $(BENCH_STAMP)
	$(BIN)/python bench/usage_serve.py $(BENCH_ARGS)

# Publishing a page with the alert rules on and off (5 runs); a weekly digest over 1M events.
bench-alerts: $(BENCH_STAMP)
	$(BIN)/python bench/alerts_publish.py $(BENCH_ARGS)

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
	rm -rf $(VENV) $(SANDBOX_VENV) .venv-oldest .venv-wagtail74 build dist site *.egg-info .pytest_cache \
		.ruff_cache .coverage htmlcov
