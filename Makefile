# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up on the way.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
PG_URL ?= postgresql+psycopg://root@127.0.0.1:5432/test
export NICEGUI_STORAGE_PATH ?= data/nicegui

.PHONY: run test lint test-postgres test-redis browser system bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

SYSTEM_PACKAGES := fonts-dejavu-core fonts-noto-core

system:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q --no-install-recommends $(SYSTEM_PACKAGES))

run: $(STAMP) system
	$(PY) -m portal.cli seed-demo
	$(PY) main.py

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium chromium-driver)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: $(STAMP) system browser lint
	$(PY) -m pytest -q

test-postgres: $(STAMP)
	PORTAL_TEST_DATABASE_URL=$(PG_URL) $(PY) -m pytest -q -m "not browser"

test-redis: $(STAMP)
	PORTAL_TEST_REDIS_URL=redis://127.0.0.1:6379/15 $(PY) -m pytest -q -m redis

bench: $(STAMP)
	$(PY) bench/docscan.py

clean:
	rm -rf $(VENV) data .nicegui
