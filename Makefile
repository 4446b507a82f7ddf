# Sparrow: `make up` to run it, `make test` to check it. Needs only Python 3.11+, git and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BASE_STAMP := $(VENV)/.base-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: up test lint typecheck schema schema-check shell-enums lock messages bench-signup bench-migrate bench-stock bench-replenishment bench-reports bench-sales bench-lists bench-shell bench-shipping bench-input-guard bench-realtime bench-partner bench-field bench-distribution bench-paste bench-import bench-home clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs exactly what the lock files pin (hash-checked), then Sparrow itself.
$(BASE_STAMP): requirements/base.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(DEV_STAMP): requirements/dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(BASE_STAMP)

up: $(BASE_STAMP)
	$(BIN)/sparrow up

lint: $(DEV_STAMP)
	$(BIN)/ruff check saas tenants tests
	$(BIN)/ruff format --check saas tenants tests
	$(BIN)/lint-imports

typecheck: $(DEV_STAMP)
	$(BIN)/mypy saas tenants

schema: $(DEV_STAMP)
	$(BIN)/sparrow graphql-schema
	$(BIN)/python -m tests.shell_enums

# The H5 app's table of where its operations send and receive choice enums (from the schema).
shell-enums: $(DEV_STAMP)
	$(BIN)/python -m tests.shell_enums

# The schema file is current, and every breaking change since the released contract
# (graphql/schema.released.graphql) is listed in graphql/CHANGELOG.md.
schema-check: $(DEV_STAMP)
	$(BIN)/sparrow graphql-schema --check
	$(BIN)/sparrow graphql-breaking

# The suite runs in two processes, each with its own test database, Redis database and data
# folder: the fuzzer and the browser tests in one, the rest in the other (tests/conftest.py says
# why). PYTEST_WORKERS=1 runs it all in one process, in the same order.
PYTEST_WORKERS ?= 2
test: $(DEV_STAMP) lint typecheck schema-check
	$(BIN)/pytest -q $(if $(filter-out 1,$(PYTEST_WORKERS)),-n 2 --dist loadscope) $(PYTEST_ARGS)

# Regenerates the lock files after a change of pyproject.toml's dependencies.
lock: $(DEV_STAMP)
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements/dev.lock

# Re-extracts and compiles the translation catalogues. Needs GNU gettext (xgettext, msgfmt),
# so only whoever changes UI strings needs it: the compiled .mo files are committed.
messages: $(DEV_STAMP)
	$(BIN)/python manage.py makemessages -l zh_Hans --ignore=.venv --ignore=tests --ignore=mobile_shell --no-location
	$(BIN)/python saas/locale/translate_zh.py
	msgfmt --check-format -o saas/locale/zh_Hans/LC_MESSAGES/django.mo saas/locale/zh_Hans/LC_MESSAGES/django.po

bench-signup: $(DEV_STAMP)
	$(BIN)/python tests/bench/signup_latency.py

# Both keep their population of 2,000 workspaces in sparrow_bench_tenancy between runs (--fresh drops it).
bench-migrate: $(DEV_STAMP)
	$(BIN)/python tests/bench/tenant_migrate.py

bench-stock: $(DEV_STAMP)
	$(BIN)/python tests/bench/stock_movements.py

bench-replenishment: $(DEV_STAMP)
	$(BIN)/python tests/bench/replenishment.py

bench-reports: $(DEV_STAMP)
	$(BIN)/python tests/bench/sales_reports.py

bench-home: $(DEV_STAMP)
	$(BIN)/python tests/bench/home.py

bench-sales: $(DEV_STAMP)
	$(BIN)/python tests/bench/sales_orders.py

bench-lists: $(DEV_STAMP)
	$(BIN)/python tests/bench/lists.py

bench-shell: $(DEV_STAMP)
	$(BIN)/python tests/bench/shell_size.py

bench-shipping: $(DEV_STAMP)
	$(BIN)/python tests/bench/shipping_batch.py

bench-input-guard: $(DEV_STAMP)
	$(BIN)/python tests/bench/input_guard.py

# Needs Redis on 127.0.0.1:6379 (database 15 of its own unless --redis-url says otherwise).
bench-realtime: $(DEV_STAMP)
	$(BIN)/python tests/bench/realtime.py

bench-partner: $(DEV_STAMP)
	$(BIN)/python tests/bench/partner_api.py

bench-field: $(DEV_STAMP)
	$(BIN)/python tests/bench/field_rankings.py

# Distribution at scale: a 1,000-line cart, then a month's commission settlement for 5,000
# distributors and 200,000 orders (with the what-if replay).
bench-distribution: $(DEV_STAMP)
	$(BIN)/python tests/bench/distribution_cart.py
	$(BIN)/python tests/bench/distribution_settlement.py

# Paste-to-order on the labelled corpus: precision and recall per line and field against a naive
# baseline, wrongly sure lines, parse and index build times by catalogue size. No database.
bench-paste: $(DEV_STAMP)
	$(BIN)/python tests/bench/order_text.py

bench-import: $(DEV_STAMP)
	$(BIN)/python tests/bench/imports.py

clean:
	rm -rf $(VENV) build *.egg-info
