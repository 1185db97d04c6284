"""A reminder kind registered by another app (here, by the test) is swept, sent once, listed
in the bell and on the email settings page, with no edit to the notifications app."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils.translation import get_language

from lms import services as lms_services
from lms.models import Enrolment
from notifications import kinds, tasks
from notifications.models import Reminder
from notifications.reminders.common import enrolment_subject
from tests.lms.factories import course, member

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def welcome_message(reminder):
    # The language shows which one the message was written in: the recipient's.
    return "Welcome aboard", f"“{reminder.params['course_title']}” has begun ({get_language()})."


def welcome_kind(**options):
    """Every enrolment in progress is due for one welcome."""
    return kinds.ReminderKind(
        code="welcome",
        label="A welcome to a course I enrolled in",
        triggers=(kinds.Trigger(
            "welcome", Enrolment,
            lambda now: Enrolment.objects.in_progress().annotate(subject=enrolment_subject()),
            ("course_id", "course__title"),
        ),),
        message=welcome_message,
        link=lambda reminder: reverse("lms:dashboard"),
        **options,
    )


@pytest.fixture
def registered():
    """Registers a welcome kind made with the given options, and removes it afterwards."""
    made = []

    def register(**options):
        made.append(kinds.register(welcome_kind(**options)))
        return made[-1]

    yield register
    for kind in made:
        kinds.unregister(kind.code)


@pytest.fixture
def learner(union, catalogue):
    person = member(union.school_a)
    person.profile.language = "kk"
    person.profile.save()
    with time_machine.travel(START, tick=False):
        lms_services.enrol(person, course(catalogue, modules=1, lessons=1, title="Еңбек құқығы"))
    return person


def sweep(at):
    before = set(Reminder.objects.values_list("pk", flat=True))
    with time_machine.travel(at, tick=False):
        tasks.sweep_reminders.delay()
    return list(Reminder.objects.exclude(pk__in=before).order_by("pk"))


def test_a_registered_kind_is_swept_and_sent_once(client, registered, learner):
    registered()
    [reminder] = sweep(START + datetime.timedelta(hours=1))
    assert (reminder.user, reminder.kind) == (learner, "welcome")
    [email] = mail.outbox
    assert email.to == [learner.email] and email.subject == "Welcome aboard"
    assert "“Еңбек құқығы” has begun (kk)." in email.body

    assert sweep(START + datetime.timedelta(hours=2)) == []  # the next beat: nothing new
    assert len(mail.outbox) == 1

    client.force_login(learner)
    assert "Welcome aboard" in client.get(reverse("notifications:list")).content.decode()
    assert client.get(reverse("notifications:open", args=[reminder.pk])).url == reverse("lms:dashboard")
    settings_page = client.get(reverse("notifications:preferences")).content.decode()
    assert "A welcome to a course I enrolled in" in settings_page


def test_a_kind_is_registered_once(registered):
    registered()
    with pytest.raises(ValueError, match="registered already"):
        kinds.register(welcome_kind())
