# leaflets — two commands set everything up: `make demo` and `make test`.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_STAMP := $(VENV)/.system
# Pango for WeasyPrint; Open Sans (Polish + Cyrillic) as the leaflet font.
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-open-sans fontconfig
# The browser tests drive Debian's chromium (Playwright downloads no browser here).
TEST_APT_PACKAGES := chromium
BROWSER_STAMP := $(VENV)/.browser
SAMPLE := rosters/legnica-wzor.xlsx
LOCALE := leaflets/locale
TRANSLATIONS := uk en

.PHONY: help demo test test-fast lint format bench check setup clean translations serve

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

setup: $(STAMP) ## Install system libraries, fonts and the Python packages into .venv/

$(SYSTEM_STAMP):
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Instaluję pakiety systemowe: $$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Potrzebny Python 3.11 lub nowszy")'
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@touch $@

$(STAMP): pyproject.toml $(SYSTEM_STAMP)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

demo: $(STAMP) ## Render the bundled sample roster into output/
	$(BIN)/leaflets build $(SAMPLE) --out output

check: $(STAMP) ## Validate the sample roster without rendering
	$(BIN)/leaflets check $(SAMPLE)

$(BROWSER_STAMP): $(SYSTEM_STAMP)
	@missing=$$(for p in $(TEST_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Instaluję pakiety do testów w przeglądarce: $$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@touch $@

serve: $(STAMP) ## Start the web app on http://127.0.0.1:8000 (Ctrl+C stops it)
	$(BIN)/leaflets serve

test: $(STAMP) $(BROWSER_STAMP) ## Run the whole test suite (what CI runs), browser tests included
	$(BIN)/python -m pytest -q

test-fast: $(STAMP) ## Run every test that lays out no PDF (the quick loop while coding)
	$(BIN)/python -m pytest -q -m "not pdf"

bench: $(STAMP) ## Benchmark: national-scale build vs the naive baseline
	$(BIN)/python -m tools.bench.run

lint: $(STAMP) ## ruff (lint + format check) and mypy --strict
	$(BIN)/ruff check leaflets tests tools
	$(BIN)/ruff format --check leaflets tests tools
	$(BIN)/mypy

format: $(STAMP) ## Apply ruff formatting and safe fixes
	$(BIN)/ruff check --fix leaflets tests tools
	$(BIN)/ruff format leaflets tests tools

translations: $(STAMP) ## Extract leaflet texts, update the uk/en catalogs, compile them
	cp $(LOCALE)/messages.pot $(LOCALE)/.messages.pot.old 2>/dev/null || true
	$(BIN)/pybabel extract -F babel.cfg -k etykieta -c TRANSLATORS: --project leaflets \
	  --add-location=file --msgid-bugs-address "" -o $(LOCALE)/messages.pot leaflets templates
	$(BIN)/python tools/keep_pot_date.py $(LOCALE)/.messages.pot.old $(LOCALE)/messages.pot
	rm -f $(LOCALE)/.messages.pot.old
	for l in $(TRANSLATIONS); do \
	  $(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) -l $$l --init-missing || exit 1; \
	done
	$(BIN)/pybabel compile -d $(LOCALE) --statistics

clean: ## Remove output/ and caches (keeps .venv/)
	rm -rf output .pytest_cache .mypy_cache .ruff_cache .hypothesis
