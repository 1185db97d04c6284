"""Settings are read at import time, so each case runs Django in a fresh process."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "LMS_ENV": "production",
    "SECRET_KEY": "x" * 20 + "a-real-looking-secret-for-tests-only-0123456789",
    "DATABASE_URL": "sqlite:////tmp/oqu-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6399/0",
    "ALLOWED_HOSTS": "oqu.example.org",
    "SITE_URL": "https://oqu.example.org",
}
PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'], s.CELERY_BROKER_URL, "
    "s.DATABASES['default']['ENGINE'], s.DEBUG)"
)


def run(args, **env):
    skip = {*PRODUCTION, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in skip}
    clean.update(env, DJANGO_SETTINGS_MODULE="lms.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}

    result = run(["-c", PRINT_SETTINGS], **env)

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    env = {k: v for k, v in PRODUCTION.items() if k != "DATABASE_URL"}

    result = run(["-c", PRINT_SETTINGS], **env)

    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr


def test_production_refuses_to_start_without_the_public_address():
    env = {k: v for k, v in PRODUCTION.items() if k != "SITE_URL"}

    result = run(["-c", PRINT_SETTINGS], **env)

    assert result.returncode != 0
    assert "SITE_URL is not set" in result.stderr
    assert "emails and certificate QR codes link to" in result.stderr


def test_production_refuses_a_public_address_that_is_not_a_web_address():
    result = run(["-c", PRINT_SETTINGS], **{**PRODUCTION, "SITE_URL": "oqu.example.org"})

    assert result.returncode != 0
    assert "SITE_URL must be the public address" in result.stderr


def test_the_embedded_mode_has_a_local_public_address_by_default():
    result = run(["-c", "import django; django.setup(); from django.conf import settings as s; "
                        "print(s.WAGTAILADMIN_BASE_URL)"])

    assert result.stdout.strip() == "http://127.0.0.1:8000", result.stderr


def test_production_settings_pass_the_deployment_check_without_warnings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_embedded_default_runs_tasks_in_process_with_a_local_cache():
    result = run(["-c", PRINT_SETTINGS])

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True", "django.core.cache.backends.locmem.LocMemCache", "memory://",
        "django.db.backends.sqlite3", "False",
    ]


IN_PROCESS_MAIL_AND_TASK = (
    "import django; django.setup(); from django.core.mail import send_mail; "
    "from lms.tasks import heartbeat; "
    "send_mail('Your certificate', 'It is ready.', None, ['member@example.org']); heartbeat.delay()"
)


def test_embedded_default_writes_mail_to_files_and_runs_tasks_without_a_line_each(tmp_path):
    result = run(["-c", IN_PROCESS_MAIL_AND_TASK], LMS_VAR_DIR=str(tmp_path), LOG_LEVEL="INFO")

    assert result.returncode == 0, result.stderr
    # Neither the whole email nor "Task lms.tasks.heartbeat[...] succeeded" nor the
    # in-memory broker's warning: `make run` stays readable.
    assert (result.stdout, result.stderr) == ("", "")
    [written] = (tmp_path / "mail").iterdir()
    assert "Subject: Your certificate" in written.read_text()
    assert "To: member@example.org" in written.read_text()


def test_debug_pages_are_served_only_when_asked_for():
    assert run(["-c", PRINT_SETTINGS], DEBUG="true").stdout.split()[-1] == "True"


def test_redis_url_moves_tasks_and_cache_to_redis():
    result = run(["-c", PRINT_SETTINGS], REDIS_URL="redis://127.0.0.1:6399/3", DEBUG="false")

    assert result.stdout.split() == [
        "False", "lms.cache.ResilientRedisCache", "redis://127.0.0.1:6399/3",
        "django.db.backends.sqlite3", "False",
    ]
