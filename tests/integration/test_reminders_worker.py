"""Reminders arrive at most once when the sweep runs twice at the same time on the real
worker (two processes, PostgreSQL). The worker writes its emails to files (.ci/run sets
EMAIL_URL=filemail://...), so the test counts what was really sent."""

import datetime
import os
import time
from pathlib import Path

import pytest
from django.utils import timezone

from lms import services as lms_services
from lms.models import Enrolment, User
from notifications import services
from notifications.models import Kind, Reminder
from notifications.tasks import send_reminder_chunk, sweep_reminders
from tests.lms.factories import UnionTree, catalogue_page, course, member

pytestmark = pytest.mark.integration

MAIL_DIR = Path(os.environ.get("WORKER_MAIL_DIR", "var/ci/mail"))


def emails_to(address, since):
    """Messages to ``address`` in the files the worker wrote since ``since`` (a timestamp)."""
    return sum(
        path.read_text(errors="replace").count(f"To: {address}\n")
        for path in MAIL_DIR.iterdir() if path.stat().st_mtime >= since
    )


@pytest.fixture
def idle_learners(django_db_blocker):
    """Twelve learners enrolled ten days ago who never opened a lesson; removed afterwards."""
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        page = course(catalogue, modules=1, lessons=1)
        learners = [member(tree.school_a) for _ in range(12)]
        for learner in learners:
            lms_services.enrol(learner, page)
        Enrolment.objects.filter(course=page).update(enrolled_at=timezone.now() - datetime.timedelta(days=10))
        try:
            yield learners
        finally:
            Reminder.objects.filter(user__in=learners).delete()
            Enrolment.objects.filter(course=page).delete()
            catalogue.delete()
            User.objects.filter(pk__in=[learner.pk for learner in learners]).delete()
            tree.root.delete()


def test_two_sweeps_at_once_send_each_reminder_once(idle_learners):
    assert MAIL_DIR.is_dir(), f"the worker should write emails to {MAIL_DIR} (see .ci/run)"
    started = time.time()
    now = timezone.now().isoformat()
    plan = [step for step in services.sweep_plan(size=5) if step[0] == "inactivity"]
    assert len(plan) >= 3

    # Every chunk twice, interleaved, on a worker with two processes.
    results = [send_reminder_chunk.delay(*step, now) for step in plan for _twice in range(2)]
    outcomes = [result.get(timeout=120) for result in results]

    ours = Reminder.objects.filter(user__in=idle_learners, kind=Kind.INACTIVITY)
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
