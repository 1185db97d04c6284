"""A certificate issued and a badge awarded reach the learner's bell at once, and once; the
certificate's notice is for the bell only (its email goes from the certificates app)."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from certificates import services as certificate_services
from certificates.models import Certificate
from certificates.signals import certificate_issued
from lms import services as lms_services
from lms.models import LearnerCategory
from motivation.models import Award, RuleKind
from motivation.services.badges import award_badges
from notifications import kinds, services, tasks
from notifications.models import Reminder
from notifications.receivers import tell_of_certificate
from notifications.reminders.achievements import BADGE, CERTIFICATE
from tests.lms.factories import course, member
from tests.motivation.factories import rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(union):
    person = member(union.school_a, category=LearnerCategory.MEMBER, first_name="Әлия",
                    last_name="Нұрланқызы")
    person.profile.language = "kk"
    person.profile.save()
    return person


@pytest.fixture
def course_page(catalogue):
    return course(catalogue, modules=1, lessons=1, title="Еңбек құқығы")


def finish(learner, course_page, capture):
    """Complete the course; the (eager) task issues the certificate after the commit."""
    with capture(execute=True):
        enrolment = lms_services.enrol(learner, course_page)
        lms_services.complete_lesson(enrolment, course_page.lessons().get())
    return enrolment


def sweep(at=None):
    before = set(Reminder.objects.values_list("pk", flat=True))
    with time_machine.travel(at or datetime.datetime.now(tz=datetime.UTC), tick=False):
        tasks.sweep_reminders.delay()
    return list(Reminder.objects.exclude(pk__in=before))


def test_an_issued_certificate_is_in_the_bell_at_once_and_only_there(
    client, learner, course_page, django_capture_on_commit_callbacks
):
    finish(learner, course_page, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(user=learner)

    [notice] = Reminder.objects.filter(user=learner, kind=CERTIFICATE.code)
    assert notice.subject == f"c{certificate.pk}" and notice.emailed_at is None
    # One email: the certificate's own, not a second one from the notice.
    assert [message.subject for message in mail.outbox] == [f"Сіздің сертификатыңыз: {certificate.title}"]
    assert sweep() == []  # the sweep finds it told already
    client.force_login(learner)
    assert 'class="badge">1<' in client.get(reverse("lms:dashboard")).content.decode()
    with translation.override("en"):
        headline, sentence = services.message(notice)
    assert headline == "Your certificate is ready" and "“Еңбек құқығы”" in sentence
    opened = client.get(reverse("notifications:open", args=[notice.pk]))
    assert opened.url == reverse("certificates:mine")


@pytest.fixture
def notice_lost():
    """The certificate's notice is not queued at once (as when the broker is down)."""
    certificate_issued.disconnect(sender=Certificate, dispatch_uid="notifications.certificate")
    yield
    certificate_issued.connect(tell_of_certificate, sender=Certificate,
                               dispatch_uid="notifications.certificate")


def test_a_certificate_whose_notice_was_lost_is_told_by_the_sweep_while_it_is_news(
    learner, course_page, notice_lost, django_capture_on_commit_callbacks
):
    finish(learner, course_page, django_capture_on_commit_callbacks)
    assert not Reminder.objects.filter(kind=CERTIFICATE.code).exists()

    assert [r.kind for r in sweep()] == [CERTIFICATE.code]
    assert sweep() == []
    assert len(mail.outbox) == 1  # the certificate's own email only


def test_an_old_certificate_is_no_news_for_the_sweep(learner, course_page):
    with time_machine.travel(datetime.datetime(2026, 1, 10, tzinfo=datetime.UTC), tick=False):
        enrolment = lms_services.enrol(learner, course_page)
        lms_services.complete_lesson(enrolment, course_page.lessons().get())
        certificate_services.issue_for_enrolment(enrolment.pk)  # no commit: no signal

    assert sweep(datetime.datetime(2026, 1, 20, tzinfo=datetime.UTC)) == []


def test_a_reissued_certificate_is_a_new_notice(
    learner, course_page, union, django_capture_on_commit_callbacks
):
    finish(learner, course_page, django_capture_on_commit_callbacks)
    first = Certificate.objects.get(user=learner)
    admin = member(union.school_a)

    with django_capture_on_commit_callbacks(execute=True):
        second = certificate_services.reissue(first, reason="Фамилия исправлена", by=admin)

    subjects = set(Reminder.objects.filter(kind=CERTIFICATE.code).values_list("subject", flat=True))
    assert subjects == {f"c{first.pk}", f"c{second.pk}"}


def test_a_badge_awarded_is_in_the_bell_and_emailed_once(
    client, learner, course_page, django_capture_on_commit_callbacks
):
    rule(RuleKind.FIRST_COURSE)
    finish(learner, course_page, django_capture_on_commit_callbacks)  # awards the badge too

    award = Award.objects.get(user=learner)
    [notice] = Reminder.objects.filter(user=learner, kind=BADGE.code)
    assert notice.subject == f"a{award.pk}" and notice.emailed_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert award_badges() == 0  # the job runs again: nothing new
    assert sweep() == []
    assert Reminder.objects.filter(user=learner, kind=BADGE.code).count() == 1
    assert len(mail.outbox) == 2  # the certificate and the badge, each once
    with translation.override("kk"):
        assert "Алғашқы қадам" in services.message(notice)[1]
    client.force_login(learner)
    opened = client.get(reverse("notifications:open", args=[notice.pk]))
    assert opened.url == reverse("motivation:achievements")


def test_the_certificate_notice_is_not_on_the_email_settings_page(client, learner):
    client.force_login(learner)

    form = client.get(reverse("notifications:preferences")).context["form"]
    choices = dict(form.fields["email_kinds"].choices)

    assert BADGE.code in choices and CERTIFICATE.code not in choices
    assert CERTIFICATE in kinds.registered() and CERTIFICATE not in kinds.emailed()
