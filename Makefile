# The two commands a newcomer needs:  make run  (app with demo data)  and  make test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV := DEBUG=true
LOCAL_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/prevent_compliance
LOCAL_REDIS_URL ?= redis://127.0.0.1:6379/0
# The Nu HTML Checker (npm package vnu-jar; runs on Java 17) for tests/test_html_valid.py.
VNU_VERSION := 26.9.27
VNU := .tools/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: run test test-future stack lint mypy mypy-baseline migrations-check format lock migrate seed \
	clean html-checker messages compilemessages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

## run: install, migrate, seed the demo data and serve at http://127.0.0.1:8000
run: $(VENV)/.runtime
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py createcachetable
	$(DEV) $(BIN)/python manage.py seed_demo
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# Without npm (a fresh laptop) the HTML check is skipped locally; CI installs npm and Java.
$(VNU):
	@if command -v npm >/dev/null; then \
	  npm install --prefix .tools --no-save --ignore-scripts --no-audit --no-fund --loglevel=error \
	    vnu-jar@$(VNU_VERSION); \
	else echo "npm not found: the HTML validity test will be skipped"; fi

html-checker: $(VNU)

# pytest-xdist workers: one more than the cores (browser, race and server tests wait on other
# processes; with a spare worker vmstat showed both cores 99% busy for the whole run);
# each has its own test database and Redis database. TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))

## test: install, lint, type-check, check migrations and run the whole test suite
# mypy (one core, about 80 s from a cold cache) runs beside pytest rather than before it; its
# report is printed after pytest's, and either failing fails the target.
MYPY_REPORT := .mypy-report.txt
test: $(VENV)/.dev migrations-check $(VNU)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@$(BIN)/python scripts/mypy_baseline.py >$(MYPY_REPORT) 2>&1 & mypy_pid=$$!; \
	  $(BIN)/pytest -n $(TEST_WORKERS) --junitxml=junit.xml; pytest_rc=$$?; \
	  wait $$mypy_pid; mypy_rc=$$?; echo "== mypy"; cat $(MYPY_REPORT); rm -f $(MYPY_REPORT); \
	  test $$pytest_rc -eq 0 && test $$mypy_rc -eq 0

## test-future: the tests that handle dates, with the clock 400 days ahead (a date bomb fails
## today); no browser tests and no whole-site walks (FUTURE_MARKS="not browser" for all the rest)
CLOCK_SHIFT_DAYS ?= 400
FUTURE_MARKS ?= dated and not browser and not crawl
test-future: $(VENV)/.dev
	TEST_CLOCK_SHIFT_DAYS=$(CLOCK_SHIFT_DAYS) $(BIN)/pytest -m "$(FUTURE_MARKS)" -q -n $(TEST_WORKERS)

## stack: web (gunicorn) + worker + beat against the local PostgreSQL and Redis, without Docker
stack: $(VENV)/.runtime
	scripts/stack.sh

## lint: ruff (rules and formatting) and mypy
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/mypy_baseline.py

## mypy: strict for core and tenancy; elsewhere no error beyond mypy-baseline.txt (cache: .mypy_cache)
mypy: $(VENV)/.dev
	$(BIN)/python scripts/mypy_baseline.py

## mypy-baseline: rewrite mypy-baseline.txt after fixing errors (it refuses to grow)
mypy-baseline: $(VENV)/.dev
	$(BIN)/python scripts/mypy_baseline.py update

## migrations-check: fail when a model change has no migration
migrations-check: $(VENV)/.dev
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## lock: re-pin requirements*.txt from requirements*.in (with hashes)
lock: $(VENV)/.dev
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras -o requirements-dev.txt requirements-dev.in

# Welsh (CONTRIBUTING.md, "Translating into Welsh"). Both need GNU gettext (Debian's `gettext`).
# File names without line numbers and no re-wrapping keep the catalogue's diffs small.
MESSAGES_IGNORE := --ignore '.venv/*' --ignore '.tools/*' --ignore 'tests/*' --ignore 'staticfiles/*'
## messages: gather every marked string into locale/cy/LC_MESSAGES/django.po (new ones untranslated)
messages: $(VENV)/.dev
	$(DEV) $(BIN)/python manage.py makemessages --locale cy --add-location file --no-wrap $(MESSAGES_IGNORE)

## compilemessages: compile the Welsh catalogue into the django.mo that is committed beside it
compilemessages: $(VENV)/.dev
	$(DEV) $(BIN)/python manage.py compilemessages --locale cy --ignore '.venv' --ignore '.tools'

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles .pytest_cache .tools

.PHONY: health
## health: the largest files and functions, .unscoped uses, mypy errors, the last suite time
health: $(VENV)/.dev
	$(BIN)/python scripts/code_health.py
