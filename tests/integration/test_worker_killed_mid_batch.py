"""A batch of certificate issues and reminder sends is on the worker when both its processes
are SIGKILLed mid-task. Afterwards every completion has exactly one certificate and every
idle learner exactly one reminder and one email: nothing lost, nothing twice."""

import datetime
import os
import signal
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate
from certificates.tasks import issue_certificate, issue_missing_certificates
from lms import services as lms_services
from lms.models import Enrolment, User
from notifications import services
from notifications.models import Reminder
from notifications.reminders.courses import INACTIVITY
from notifications.tasks import send_reminder_chunk
from tests.lms.factories import UnionTree, catalogue_page, course, member

from .real_services import emails_to, wait_for

pytestmark = pytest.mark.integration

WORKER_PIDFILE = Path(os.environ.get("CELERY_WORKER_PIDFILE", "var/ci/worker.pid"))


def worker_children():
    main = int(WORKER_PIDFILE.read_text().strip())
    output = subprocess.run(["ps", "-o", "pid=", "--ppid", str(main)], capture_output=True, text=True)
    return [int(pid) for pid in output.stdout.split()]


def waiting_on_locks():
    params = settings.DATABASES["default"]
    with psycopg.connect(host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"],
                         password=params["PASSWORD"], dbname=params["NAME"]) as probe:
        return probe.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = %s",
            [params["NAME"]],
        ).fetchone()[0]


@pytest.fixture
def batch(django_db_blocker):
    """Ten completions without certificates and twelve learners idle for ten days."""
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        finished, idle = course(catalogue, modules=1, lessons=1), course(catalogue, modules=1, lessons=1)
        graduates = [member(tree.school_a) for _ in range(10)]
        completions = [Enrolment.objects.create(user=user, course=finished, completed_at=timezone.now())
                       for user in graduates]
        learners = [member(tree.school_a2) for _ in range(12)]
        for learner in learners:
            lms_services.enrol(learner, idle)
        Enrolment.objects.filter(course=idle).update(enrolled_at=timezone.now() - datetime.timedelta(days=10))
        try:
            yield completions, learners, idle
        finally:
            Certificate.objects.filter(enrolment__in=completions).delete()
            Reminder.objects.filter(user__in=learners).delete()
            Enrolment.objects.filter(course__in=[finished, idle]).delete()
            catalogue.delete()
            User.objects.filter(pk__in=[u.pk for u in graduates + learners]).delete()
            tree.root.delete()


def test_killing_the_worker_mid_batch_loses_and_doubles_nothing(batch, django_db_blocker):
    completions, learners, idle = batch
    started = time.time()
    now = timezone.now()
    due = services.due("inactivity", now).filter(course=idle).order_by("pk")
    subjects = list(due.values_list("pk", "user_id", "subject"))
    assert len(subjects) == len(learners)
    chunks = [(subjects[i][0], subjects[min(i + 3, len(subjects)) - 1][0] + 1) for i in range(0, 12, 3)]
    children = worker_children()
    assert children, f"no worker processes under {WORKER_PIDFILE}"

    with django_db_blocker.unblock(), transaction.atomic():
        # Hold what every task needs: the completions' rows, and one reminder key in each
        # chunk (inserted, not committed), so each task blocks inside its own transaction.
        list(Enrolment.objects.select_for_update().filter(pk__in=[e.pk for e in completions]))
        for low, _high in chunks:
            _pk, user_id, subject = next(row for row in subjects if row[0] == low)
            Reminder.objects.create(user_id=user_id, kind=INACTIVITY.code, subject=subject,
                                    claim="00000000-0000-0000-0000-000000000000")
        for enrolment in completions:
            issue_certificate.delay(enrolment.pk)
        for low, high in chunks:
            send_reminder_chunk.delay("inactivity", low, high, now.isoformat())
        wait_for(lambda: waiting_on_locks() >= 2, timeout=60, message="both worker processes to block")
        for pid in children:
            os.kill(pid, signal.SIGKILL)
        transaction.set_rollback(True)  # the held key rows vanish; the locks go

    def all_done():
        certified = Certificate.objects.filter(enrolment__in=completions).exclude(pdf="").count()
        emailed = Reminder.objects.filter(user__in=learners, emailed_at__isnull=False).count()
        return certified == len(completions) and emailed == len(learners)

    wait_for(all_done, timeout=120, message="the redelivered and remaining tasks")
    time.sleep(2)  # a duplicate, if any, would land now
    issue_missing_certificates.delay().get(timeout=60)
    for low, high in chunks:  # beat runs the sweep again
        send_reminder_chunk.delay("inactivity", low, high, timezone.now().isoformat()).get(timeout=60)

    for enrolment in completions:
        assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    for learner in learners:
        assert Reminder.objects.filter(user=learner, kind=INACTIVITY.code).count() == 1
        assert emails_to(learner.email, started) == 1, learner.email
    assert not set(worker_children()) & set(children)  # they really were replaced
