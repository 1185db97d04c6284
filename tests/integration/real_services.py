"""Starting and stopping the real Redis and the SMTP sink from a test, waiting for things to
happen, reading the emails the sink received, and committed learners for the worker to remind."""

import datetime
import email
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from email import policy
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.db import connection
from django.utils import timezone

from lms import services as lms_services
from lms.models import Enrolment, User
from notifications.models import Reminder
from tests.lms.factories import UnionTree, catalogue_page, course, member

# The SMTP sink (tests/integration/smtp_sink.py, started by .ci/run) keeps every message it
# receives here, one .eml file each; EMAIL_URL=smtp://host:port points the worker at it.
MAIL_DIR = Path(os.environ.get("WORKER_MAIL_DIR", "var/ci/mail"))
SMTP_SINK_PIDFILE = Path(os.environ.get("SMTP_SINK_PIDFILE", "var/ci/smtp.pid"))
SMTP_SINK_SCRIPT = Path(__file__).with_name("smtp_sink.py")


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


def smtp_sink_address():
    """(host, port) of the SMTP sink: the server in EMAIL_URL, which must be smtp://."""
    url = urlparse(os.environ.get("EMAIL_URL", ""))
    assert url.scheme == "smtp" and url.port, (
        f"EMAIL_URL should be smtp://host:port of the SMTP sink (see .ci/run), not {url.geturl()!r}"
    )
    return url.hostname, url.port


def smtp_sink_answers():
    try:
        with socket.create_connection(smtp_sink_address(), timeout=1) as connection:
            return connection.recv(3) == b"220"
    except OSError:
        return False


_started_sinks = []  # it outlives the test (the EXIT trap of .ci/run stops it by its pidfile)


@contextmanager
def smtp_sink_stopped():
    """The SMTP sink is down inside the block (connections are refused) and up again after
    it, started as .ci/run starts it, writing to the same directory."""
    host, port = smtp_sink_address()
    pid = int(SMTP_SINK_PIDFILE.read_text().strip())
    os.kill(pid, signal.SIGTERM)
    wait_for(lambda: not smtp_sink_answers(), timeout=10, message="the SMTP sink to stop")
    try:
        yield
    finally:
        with open(SMTP_SINK_PIDFILE.with_suffix(".log"), "ab") as log:
            _started_sinks.append(subprocess.Popen(
                [sys.executable, str(SMTP_SINK_SCRIPT), "--host", host, "--port", str(port),
                 "--dir", str(MAIL_DIR), "--pidfile", str(SMTP_SINK_PIDFILE)],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            ))
        wait_for(smtp_sink_answers, timeout=20, message="the SMTP sink to start")


def _received_at(path):
    """When the sink received the message (its file name starts with time.time_ns())."""
    return int(path.name.split("-", 1)[0]) / 1e9


def received_since(since):
    """Every message the sink received since ``since`` (a time.time() timestamp), oldest
    first, parsed; ``message["X-Sink-Rcpt-To"]`` lists its envelope recipients."""
    paths = sorted(path for path in MAIL_DIR.glob("*.eml") if _received_at(path) >= since)
    return [email.message_from_bytes(path.read_bytes(), policy=policy.default) for path in paths]


def mails_to(address, since):
    """The messages delivered to ``address`` (an envelope recipient) since ``since``."""
    address = address.lower()
    return [
        message for message in received_since(since)
        if address in {rcpt.strip().lower() for rcpt in str(message["X-Sink-Rcpt-To"]).split(",")}
    ]


def emails_to(address, since):
    """How many messages the sink received for ``address`` since ``since`` (a timestamp)."""
    return len(mails_to(address, since))


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
