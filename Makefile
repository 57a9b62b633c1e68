# The two commands of the quick start: `make run` (the suite, all-in-one) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test test-tools lint bench install clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# The test OpenID provider (oidc-provider on Node.js), pinned by its lock file; skipped without npm.
tests/oidc/node_modules/.installed: tests/oidc/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error && touch $@; \
	 else echo "npm not found: the sign-in tests will skip (or fail under REQUIRE_SERVICES=1)"; fi

install: $(VENV)/.installed

test-tools: install tests/oidc/node_modules/.installed

run: install
	$(PY) scripts/all_in_one.py

test: test-tools
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

bench: install
	$(PY) bench/pipeline.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis test-artifacts tests/oidc/node_modules
