"""A reminder email the mail server did not take is sent again, once; one that may have gone
out is never sent twice. The backends in tests/mail_backends.py fail as a real server does."""

import datetime
import uuid

import pytest
import time_machine
from django.core import mail

from lms import services as lms_services
from lms.mail import MailNotSent
from notifications import services, tasks
from notifications.models import Reminder
from notifications.reminders.courses import INACTIVITY
from tests.lms.factories import course, member

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
DUE = START + datetime.timedelta(days=8)
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def learners(union, catalogue):
    """Four learners idle in a course since START: at DUE each has an inactivity reminder due."""
    page = course(catalogue, modules=1, lessons=1, title="Трудовое право")
    people = [member(union.school_a) for _ in range(4)]
    with time_machine.travel(START, tick=False):
        for person in people:
            lms_services.enrol(person, page)
    return people


def run_chunk(token):
    return services.process_chunk("inactivity", 0, 10**9, DUE, token=token)


def recipients():
    return sorted(message.to[0] for message in mail.outbox)


def emails_of(learners):
    return sorted(person.email for person in learners)


def test_a_refused_connection_marks_nothing_sent_and_the_retry_sends_each_once(settings, learners):
    token = uuid.uuid4()
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusedConnection"
    with pytest.raises(MailNotSent):
        run_chunk(token)
    claimed = Reminder.objects.filter(claim=token)
    assert claimed.count() == len(learners)  # in the bell list already
    assert not claimed.filter(emailed_at__isnull=False).exists()
    assert mail.outbox == []

    settings.EMAIL_BACKEND = LOCMEM
    assert run_chunk(token) == (len(learners), len(learners))  # the task's retry: same token
    assert recipients() == emails_of(learners)
    assert run_chunk(token) == (len(learners), 0)
    assert run_chunk(uuid.uuid4()) == (0, 0)  # a later sweep claims nothing new
    assert recipients() == emails_of(learners)


def test_a_connection_lost_mid_batch_never_sends_one_twice(settings, learners):
    token = uuid.uuid4()
    settings.EMAIL_BACKEND = "tests.mail_backends.DropsConnection"  # takes one, breaks on the second
    with pytest.raises(MailNotSent):
        run_chunk(token)
    claimed = Reminder.objects.filter(claim=token).order_by("pk")
    taken, in_flight, *rest = claimed
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [taken.user.email]
    # The one in flight may have arrived: it stays marked and is not sent again.
    assert taken.emailed_at is not None and in_flight.emailed_at is not None
    assert all(reminder.emailed_at is None for reminder in rest)  # never tried

    settings.EMAIL_BACKEND = LOCMEM
    assert run_chunk(token) == (len(learners), len(rest))
    assert recipients() == sorted([taken.user.email] + [reminder.user.email for reminder in rest])
    assert in_flight.user.email not in [message.to[0] for message in mail.outbox]


def test_a_temporary_refusal_is_tried_again(settings, learners):
    token = uuid.uuid4()
    settings.EMAIL_BACKEND = "tests.mail_backends.TemporarilyRefuses"
    with pytest.raises(MailNotSent):
        run_chunk(token)
    assert not Reminder.objects.filter(claim=token, emailed_at__isnull=False).exists()
    settings.EMAIL_BACKEND = LOCMEM
    assert run_chunk(token)[1] == len(learners)
    assert recipients() == emails_of(learners)


def test_a_permanent_refusal_is_not_tried_again(settings, learners):
    token = uuid.uuid4()
    settings.EMAIL_BACKEND = "tests.mail_backends.UnknownRecipient"
    assert run_chunk(token) == (len(learners), 0)  # no retry asked for
    assert Reminder.objects.filter(claim=token, emailed_at__isnull=False).count() == len(learners)
    settings.EMAIL_BACKEND = LOCMEM
    assert run_chunk(token) == (len(learners), 0)
    assert mail.outbox == []


def test_the_in_process_task_leaves_unsent_reminders_in_the_bell_list(settings, learners):
    """The embedded default runs tasks in-process: it does not wait to retry, and the
    reminders are there in the bell list, unsent."""
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusedConnection"
    result = tasks.send_reminder_chunk.delay("inactivity", 0, 10**9, DUE.isoformat()).get()
    assert result == {"claimed": None, "emailed": 0}
    ours = Reminder.objects.filter(user__in=learners, kind=INACTIVITY.code)
    assert ours.count() == len(learners) and not ours.filter(emailed_at__isnull=False).exists()
