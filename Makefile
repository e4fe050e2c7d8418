# Guild — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test check bench messages install assets build migrate clean openapi

$(STAMPS)/venv: pyproject.toml
	@mkdir -p $(STAMPS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMPS)/venv

assets: $(STAMPS)/assets

$(STAMPS)/assets: package.json package-lock.json bin/vendor-assets
	@mkdir -p $(STAMPS)
	bin/vendor-assets
	@touch $@

# Compiled catalogues are build output: made from the committed .po files (the project's
# in locale/, and those apps keep in guild/<app>/locale/).
CATALOGUES := $(wildcard locale/fr/LC_MESSAGES/django.po guild/*/locale/fr/LC_MESSAGES/django.po)

$(STAMPS)/messages: $(CATALOGUES) $(STAMPS)/venv
	$(PY) manage.py compilemessages --locale fr --ignore '.venv' --ignore 'node_modules' >/dev/null
	@touch $@

build: install assets $(STAMPS)/messages

migrate: build
	@mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput >/dev/null
	bin/serve-demo

# One pytest-xdist worker per logical CPU (TEST_WORKERS=0 for one process); the browser tests
# share one worker and one Chromium (their xdist_group); --no-loadscope-reorder keeps
# pytest-django's order on every worker. PYTEST_ARGS=--lf reruns the last run's failures.
TEST_WORKERS ?= logical
test: build
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder $(PYTEST_ARGS)

check: build
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy guild config tests benchmarks conftest.py
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check
	bin/check-messages
	bin/check-openapi

openapi: install
	$(PY) manage.py export_openapi_schema --api config.api.api --indent 2 --sorted --output openapi/schema.json

messages: install
	$(PY) manage.py makemessages --locale fr --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'static/vendor/*' --no-obsolete --add-location file
	$(PY) manage.py compilemessages --locale fr --ignore '.venv' --ignore 'node_modules'

# BENCH_ARGS="--databases postgresql --only statistics": one database, statistics alone.
# BENCH_ARGS="--only programmes": the selection optimiser and the success measures alone.
bench: build
	$(PY) -m benchmarks.run --members 100000 $(BENCH_ARGS)

clean:
	rm -rf $(STAMPS) var static/vendor
