# Family Voice. `make help` lists the targets; the README explains them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
IS_ROOT := $(shell [ "$$(id -u)" = "0" ] && echo yes)

.PHONY: help run test ci lint format messages messages-check bench demo assets system-deps \
        test-system-deps install install-dev lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}'

# --- Installing --------------------------------------------------------------------------

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	$(PYTHON) -m venv $(VENV) || { $(MAKE) system-deps && $(PYTHON) -m venv $(VENV); }
	$(VENV)/bin/pip install -q --upgrade pip

$(VENV)/.base-installed: $(VENV)/bin/python requirements/base.txt
	$(VENV)/bin/pip install -q -r requirements/base.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/bin/python requirements/dev.txt
	$(VENV)/bin/pip install -q -r requirements/dev.txt
	touch $@ $(VENV)/.base-installed

install: $(VENV)/.base-installed ## Install what the site needs to run
install-dev: $(VENV)/.dev-installed ## Install what the tests and linters need too

node_modules/.installed: package.json package-lock.json
	command -v npm >/dev/null || $(MAKE) system-deps
	npm ci --no-audit --no-fund
	touch $@

system-deps: ## Install Debian packages the build needs (gettext, Node.js) when root
	@if ! command -v msgfmt >/dev/null || ! command -v npm >/dev/null || ! $(PYTHON) -m venv --help >/dev/null 2>&1; then \
	  if [ "$(IS_ROOT)" = "yes" ]; then \
	    apt-get update -qq && apt-get install -y -qq gettext nodejs npm python3-venv >/dev/null; \
	  else echo "Please install gettext, nodejs, npm and python3-venv (sudo apt-get install ...)"; exit 1; fi; \
	fi

test-system-deps: system-deps ## Install Chromium from Debian when it is missing and we are root
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$(IS_ROOT)" = "yes" ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Chromium at /usr/bin/chromium (sudo apt-get install chromium)"; exit 1; fi; \
	fi

assets: node_modules/.installed ## Build the CSS and JavaScript into static/build
	npm run --silent build

lock: $(VENV)/bin/python ## Re-pin every Python dependency from pyproject.toml
	$(VENV)/bin/pip install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 --no-emit-index-url -o requirements/base.txt
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --no-emit-index-url -c requirements/base.txt -o requirements/dev.txt

# --- Running -----------------------------------------------------------------------------

demo: system-deps install assets ## Migrate and seed the demo site without serving it
	$(MANAGE) compilemessages -v0 --ignore=.venv --ignore=node_modules
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) seed_demo

run: demo ## Install, build, migrate, seed and serve at http://127.0.0.1:8000 with the task worker and scheduler
	@echo "Family Voice: http://$(HOST):$(PORT)/  (staff: http://$(HOST):$(PORT)/admin/)"
	@echo "Dudley's site in the demo: http://dudley.localhost:$(PORT)/"
	@trap 'kill 0' EXIT INT TERM; \
	  $(MANAGE) run_worker --queue-name '*' & \
	  $(MANAGE) run_scheduler & \
	  $(MANAGE) runserver $(HOST):$(PORT)

# --- Checking ----------------------------------------------------------------------------

test: test-system-deps install-dev assets ## Install what the tests need and run the whole suite
	$(MANAGE) compilemessages -v0 --ignore=.venv --ignore=node_modules
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: system-deps install-dev ## Check formatting, lint, import layers, migrations and translations
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run
	$(MAKE) messages-check

format: install-dev ## Format and fix the code in place
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

MAKEMESSAGES := $(MANAGE) makemessages --all --add-location=file --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=static/build -v0

messages: system-deps install-dev ## Update the .po files from the code and templates
	$(MAKEMESSAGES)

messages-check: system-deps install-dev ## Fail when `make messages` would change a .po file
	$(MAKEMESSAGES)
	@git diff --exit-code -I '^"POT-Creation-Date:' -- locale/ \
	  || { echo "The .po files are out of date: run 'make messages' and translate what is new."; exit 1; }

bench: install-dev assets ## Run the benchmarks under bench/ and print their figures
	$(MANAGE) compilemessages -v0 --ignore=.venv --ignore=node_modules
	@for script in bench/[a-z]*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

ci: ## What CI runs: lint, then the suite on SQLite and PostgreSQL
	bash .ci/run

clean: ## Remove the virtualenv, node_modules and built files
	rm -rf $(VENV) node_modules static/build staticfiles
