# Two commands on a fresh machine with only Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# `make run PORT=8001` serves elsewhere; links in emails and certificates follow it.
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run test security serve migrate demo messages check-deploy clean

# Prints its steps, the demo accounts and the address; not every migration, demo page or
# in-process task, nor whole emails (the embedded mode writes them to var/mail/).
run: $(VENV)/.installed migrate demo serve

# The suite runs in parallel, one pytest-xdist worker per core; PYTEST_JOBS=0 runs it in
# one process. Integration tests are skipped here (.ci/run runs them, never in parallel).
PYTEST_JOBS ?= auto
test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/pytest -n $(PYTEST_JOBS) $(PYTEST_ARGS)

# Static security checks (run by .ci/run): bandit finds nothing of high severity in our
# code, and the production settings pass Django's deployment checklist.
APPS := lms content quizzes essays certificates notifications reports motivation demo
security: $(VENV)/.installed-dev check-deploy
	$(BIN)/bandit --quiet --recursive $(APPS) --exclude "*/migrations/*" --severity-level high

$(VENV)/bin/python:
	@echo "==> Creating the virtualenv $(VENV) with $(PYTHON)"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	@echo "==> Installing requirements.txt into $(VENV) (a few minutes the first time)"
	@$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	@echo "==> Installing requirements-dev.txt into $(VENV)"
	@$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $(VENV)/.installed $@

migrate: $(VENV)/.installed
	@echo "==> Migrating the database (manage.py migrate; half a minute the first time)"
	@$(MANAGE) migrate --noinput --verbosity 0

# Its own summary and the demo accounts; Wagtail's line for every page it creates is left out.
demo: $(VENV)/.installed
	@echo "==> Loading the demo data (manage.py seed_demo; safe to run again)"
	@SITE_URL='$(SITE_URL)' LOG_LEVEL=$${LOG_LEVEL:-WARNING} $(MANAGE) seed_demo

serve: $(VENV)/.installed
	@echo "==> Serving http://127.0.0.1:$(PORT)/ (sign in with a demo account above; the admin is at /admin/)"
	@[ -n "$$EMAIL_URL" ] || echo "    No mail is sent: each message is written to a file in $${LMS_VAR_DIR:-var}/mail/"
	@echo "    Ctrl-C stops the server."
	@SITE_URL='$(SITE_URL)' $(MANAGE) runserver 127.0.0.1:$(PORT)

# Regenerate the kk/ru/en catalogues from the code (needs GNU gettext) and compile them.
messages: $(VENV)/.installed
	$(MANAGE) makemessages --locale kk --locale ru --locale en --ignore ".venv/*" --ignore "var/*"
	$(MANAGE) compilemessages --ignore ".venv/*"

check-deploy: $(VENV)/.installed
	LMS_ENV=production SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DATABASE_URL=sqlite:///var/check.sqlite3 REDIS_URL=redis://127.0.0.1:6379/0 ALLOWED_HOSTS=oqu.example.org SITE_URL=https://oqu.example.org \
	$(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) var
