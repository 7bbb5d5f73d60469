# The two commands: `make run` and `make test`. See README.md.
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The settings build SITE_URL (the links in e-mails and feeds) from PORT unless SITE_URL is set.
export PORT

.PHONY: run test install install-dev worker beat lint format messages bench clean

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	@if command -v uv >/dev/null; then uv pip install --python $(PY) -q -r requirements.txt; \
	else $(PY) -m pip install -q -r requirements.txt; fi
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	@if command -v uv >/dev/null; then uv pip install --python $(PY) -q -r requirements-dev.txt; \
	else $(PY) -m pip install -q -r requirements-dev.txt; fi
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	@mkdir -p var
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) collectstatic --no-input -v0
	$(MANAGE) seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(MANAGE) runserver $(HOST):$(PORT)

test:
	bash scripts/test.sh $(ARGS)

bench:
	bash scripts/bench.sh

worker: install
	$(VENV)/bin/celery -A network worker --queues=celery,email --loglevel=INFO

beat: install
	$(VENV)/bin/celery -A network beat --loglevel=INFO

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	@# Extracts every marked string into locale/km; the gate (tests/test_khmer_catalogue.py) fails while any
	@# is untranslated or fuzzy. allauth's and Django's strings that the portal shows are kept, translated,
	@# in locale/upstream, which is loaded after the project's own catalogue.
	$(MANAGE) makemessages -l km --no-obsolete --ignore=.venv --ignore=var --ignore=tests
	@# msgmerge guesses translations for new strings; a wrong guess is worse than English.
	msgattrib --clear-fuzzy --empty --no-obsolete -o locale/km/LC_MESSAGES/django.po locale/km/LC_MESSAGES/django.po
	$(MANAGE) compilemessages -l km --ignore=.venv
	@msgfmt --statistics -o /dev/null locale/km/LC_MESSAGES/django.po

clean:
	rm -rf var/staticfiles .pytest_cache
