# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up on the way.
VENV    := .venv
PY      := $(VENV)/bin/python
HASH    := $(shell sha1sum pyproject.toml | cut -c1-12)
# Stamps are named after pyproject.toml's content: a changed file installs again, a merely touched one does not.
RUNTIME := $(VENV)/.runtime-$(HASH)
TESTING := $(VENV)/.testing-$(HASH)
PG_URL  ?= postgresql+psycopg://root@127.0.0.1:5432/test
# pytest-xdist workers; files stay together (module fixtures such as the browser tests' server start once)
PYTEST  := $(PY) -m pytest -q -n $(or $(WORKERS),2) --dist loadfile
export NICEGUI_STORAGE_PATH ?= data/nicegui

SYSTEM_PACKAGES  := fonts-dejavu-core fonts-noto-core
BROWSER_PACKAGES := chromium chromium-driver

.PHONY: run test lint test-postgres test-redis browser system bench clean

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# runtime dependencies only (make run)
$(RUNTIME): | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	rm -f $(VENV)/.runtime-* && touch $@

# the test extras include the runtime dependencies
$(TESTING): | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.runtime-* $(VENV)/.testing-* && touch $(RUNTIME) $@

# Installs the Debian packages of $(1) that are missing (apt-get options $(2)); only root can, others are told how.
define debian_packages
	@missing=$$(for package in $(1); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q 'install ok installed' || printf '%s ' $$package; \
	done); \
	missing=$$(echo $$missing); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" -ne 0 ]; then \
		echo "Missing Debian packages: $$missing"; \
		echo "Install them as root, then run make again:"; \
		echo "  sudo apt-get install -y $(2) $$missing"; \
		exit 1; \
	fi; \
	apt-get update -q && apt-get install -y -q $(2) $$missing
endef

system:
	$(call debian_packages,$(SYSTEM_PACKAGES),--no-install-recommends)

browser:
	$(call debian_packages,$(BROWSER_PACKAGES))

run: $(RUNTIME) system
	$(PY) -m portal.cli seed-demo
	$(PY) main.py

lint: $(TESTING)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test: $(TESTING) system browser lint
	$(PYTEST)

test-postgres: $(TESTING)
	PORTAL_TEST_DATABASE_URL=$(PG_URL) $(PYTEST) -m "not browser and not page"

test-redis: $(TESTING)
	PORTAL_TEST_REDIS_URL=redis://127.0.0.1:6379/15 $(PYTEST) -m redis

bench: $(RUNTIME)
	$(PY) bench/docscan.py

clean:
	rm -rf $(VENV) data .nicegui
