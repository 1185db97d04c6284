"""Reminders arrive at most once when the sweep runs twice at the same time on the real
worker (two processes, PostgreSQL). The worker sends its emails over SMTP to the sink that
.ci/run starts, which keeps each one as a file, so the test counts what was really sent."""

import time

import pytest
from django.utils import timezone

from notifications import services
from notifications.models import Reminder
from notifications.reminders.courses import INACTIVITY
from notifications.tasks import send_reminder_chunk, sweep_reminders

from . import real_services
from .real_services import MAIL_DIR, emails_to

pytestmark = pytest.mark.integration


@pytest.fixture
def idle_learners(django_db_blocker):
    """Twelve learners enrolled ten days ago who never opened a lesson; removed afterwards."""
    with real_services.idle_learners(django_db_blocker, 12) as (_page, learners):
        yield learners


def test_two_sweeps_at_once_send_each_reminder_once(idle_learners):
    assert MAIL_DIR.is_dir(), f"the SMTP sink should keep emails in {MAIL_DIR} (see .ci/run)"
    started = time.time()
    now = timezone.now().isoformat()
    plan = [step for step in services.sweep_plan(size=5) if step[0] == "inactivity"]
    assert len(plan) >= 3

    # Every chunk twice, interleaved, on a worker with two processes.
    results = [send_reminder_chunk.delay(*step, now) for step in plan for _twice in range(2)]
    outcomes = [result.get(timeout=120) for result in results]

    ours = Reminder.objects.filter(user__in=idle_learners, kind=INACTIVITY.code)
    assert ours.count() == len(idle_learners)
    assert ours.filter(emailed_at__isnull=False).count() == len(idle_learners)
    assert sum(outcome["emailed"] for outcome in outcomes) >= len(idle_learners)
    for learner in idle_learners:
        assert emails_to(learner.email, started) == 1, learner.email

    # Beat fires again later: nothing new for these people.
    sweep_reminders.delay().get(timeout=120)
    for step in plan:
        send_reminder_chunk.delay(*step, timezone.now().isoformat()).get(timeout=120)
    assert ours.count() == len(idle_learners)
    for learner in idle_learners:
        assert emails_to(learner.email, started) == 1
