"""PostgreSQL restarts while a reminder sweep is on the worker. The interrupted tasks run
again and finish: every idle learner ends with exactly one reminder and one email."""

import subprocess
import time

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from notifications import services
from notifications.models import Reminder
from notifications.reminders.courses import INACTIVITY
from notifications.tasks import send_reminder_chunk

from . import real_services
from .real_services import emails_to, wait_for
from .test_worker_killed_mid_batch import waiting_on_locks

pytestmark = pytest.mark.integration


def restart_postgresql():
    version, cluster = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True
    ).stdout.split()[:2]
    subprocess.run(["pg_ctlcluster", version, cluster, "restart", "--mode", "fast"], check=True)


@pytest.fixture
def idle_learners(django_db_blocker):
    with real_services.idle_learners(django_db_blocker, 9) as made:
        yield made


def test_a_sweep_survives_a_postgresql_restart(idle_learners, django_db_blocker):
    page, learners = idle_learners
    started, now = time.time(), timezone.now()
    rows = list(services.due("inactivity", now).filter(course=page).order_by("pk")
                .values_list("pk", "user_id", "subject"))
    chunks = [(rows[i][0], rows[i + 2][0] + 1) for i in range(0, 9, 3)]

    try:
        with django_db_blocker.unblock(), transaction.atomic():
            # One reminder key of each chunk held uncommitted: the tasks block mid-insert.
            for low, _high in chunks:
                _pk, user_id, subject = next(row for row in rows if row[0] == low)
                Reminder.objects.create(user_id=user_id, kind=INACTIVITY.code, subject=subject,
                                        claim="00000000-0000-0000-0000-000000000000")
            for low, high in chunks:
                send_reminder_chunk.delay("inactivity", low, high, now.isoformat())
            wait_for(lambda: waiting_on_locks() >= 2, timeout=60, message="the tasks to be mid-sweep")
            restart_postgresql()  # every connection drops, ours (and its held rows) too
    except DatabaseError:
        pass
    connection.close()

    def everyone_emailed():
        return Reminder.objects.filter(user__in=learners, emailed_at__isnull=False).count() == len(learners)

    wait_for(everyone_emailed, timeout=120, message="the retried tasks to finish the sweep")
    time.sleep(2)
    for learner in learners:
        assert Reminder.objects.filter(user=learner, kind=INACTIVITY.code).count() == 1
        assert emails_to(learner.email, started) == 1, learner.email
