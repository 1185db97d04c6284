"""Starting and stopping the real Redis from a test, waiting for things to happen, reading the
emails the worker wrote, and committed learners for the worker to remind."""

import datetime
import os
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.db import connection
from django.utils import timezone

from lms import services as lms_services
from lms.models import Enrolment, User
from notifications.models import Reminder
from tests.lms.factories import UnionTree, catalogue_page, course, member

MAIL_DIR = Path(os.environ.get("WORKER_MAIL_DIR", "var/ci/mail"))


def wait_for(predicate, timeout=60, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"Timed out after {timeout}s waiting for {message}")


def _redis_address():
    url = urlparse(settings.REDIS_URL)
    return url.hostname, str(url.port or 6379)


def redis_answers():
    host, port = _redis_address()
    answer = subprocess.run(["redis-cli", "-h", host, "-p", port, "ping"], capture_output=True, text=True)
    return answer.stdout.strip() == "PONG"


@contextmanager
def redis_stopped():
    """Redis is down inside the block and up again (empty, as CI runs it) after it."""
    host, port = _redis_address()
    subprocess.run(["redis-cli", "-h", host, "-p", port, "shutdown", "nosave"], capture_output=True)
    wait_for(lambda: not redis_answers(), timeout=10, message="Redis to stop")
    try:
        yield
    finally:
        subprocess.run(
            ["redis-server", "--daemonize", "yes", "--bind", host, "--port", port, "--save", "",
             "--appendonly", "no"],
            check=True, capture_output=True,
        )
        wait_for(redis_answers, timeout=10, message="Redis to start")


def emails_to(address, since):
    """Messages to ``address`` in the files the worker wrote since ``since`` (a timestamp)."""
    return sum(
        path.read_text(errors="replace").count(f"To: {address}\n")
        for path in MAIL_DIR.iterdir() if path.stat().st_mtime >= since
    )


@contextmanager
def idle_learners(django_db_blocker, count):
    """(course, learners): ``count`` learners committed as enrolled ten days ago who never
    opened a lesson; everything made here is removed afterwards, also after a database
    restart (the connection is closed first, so Django opens a fresh one)."""
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        page = course(catalogue, modules=1, lessons=1)
        learners = [member(tree.school_a) for _ in range(count)]
        for learner in learners:
            lms_services.enrol(learner, page)
        Enrolment.objects.filter(course=page).update(enrolled_at=timezone.now() - datetime.timedelta(days=10))
        try:
            yield page, learners
        finally:
            connection.close()
            Reminder.objects.filter(user__in=learners).delete()
            Enrolment.objects.filter(course=page).delete()
            catalogue.delete()
            User.objects.filter(pk__in=[learner.pk for learner in learners]).delete()
            tree.root.delete()
