# Two commands on a fresh machine with only Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# `make run PORT=8001` serves elsewhere; links in emails and certificates follow it.
PORT ?= 8000

.PHONY: run test security serve migrate demo messages check-deploy clean

run: $(VENV)/.installed migrate demo serve

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

# Static security checks (run by .ci/run): bandit finds nothing of high severity in our
# code, and the production settings pass Django's deployment checklist.
APPS := lms content quizzes essays certificates notifications reports motivation demo
security: $(VENV)/.installed-dev check-deploy
	$(BIN)/bandit --quiet --recursive $(APPS) --exclude "*/migrations/*" --severity-level high

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

migrate: $(VENV)/.installed
	$(MANAGE) migrate --noinput

demo: $(VENV)/.installed
	$(MANAGE) seed_demo

serve: $(VENV)/.installed
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(MANAGE) runserver 127.0.0.1:$(PORT)

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
