# Two commands do all the set-up: `make run` (portal with demo data) and `make test`.
PYTHON ?= python3
VENV ?= .venv
FLASK = $(VENV)/bin/flask --app portal
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup catalogs translations-update clean

run: $(VENV)/.installed catalogs
	$(FLASK) init-db
	$(FLASK) kb build --if-needed
	$(FLASK) seed-demo
	@echo "Portal: http://$(HOST):$(PORT)/"
	$(FLASK) run --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-dev catalogs
	$(VENV)/bin/python -m pytest

setup: $(VENV)/.installed

catalogs: $(VENV)/.installed
	$(FLASK) translate compile

translations-update: $(VENV)/.installed
	$(FLASK) translate update

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

clean:
	rm -rf $(VENV) instance
