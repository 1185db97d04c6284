"""The certificate email goes out at most once, and is sent again while the mail server
surely did not take it. The backends in tests/mail_backends.py fail as a real server does."""

import pytest
from django.core import mail
from django.utils import timezone

from certificates import services, tasks
from certificates.models import Certificate
from lms import mail as lms_mail
from tests.lms.factories import member
from tests.mail_backends import DropsConnection

from .conftest import complete

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def later():
    return timezone.now() + services.EMAIL_GRACE * 2


@pytest.fixture
def refused(settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusedConnection"
    return settings


def test_a_refused_connection_keeps_the_certificate_and_the_sweep_sends_the_email_once(
    refused, learner, kazakh_course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the (in-process) task runs
        enrolment = complete(learner, kazakh_course)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.emailed_at is None  # not taken for sent
    assert mail.outbox == []

    assert services.issue_missing(now=later()) == (0, 0)  # still refused: nothing marked
    assert Certificate.objects.get(pk=certificate.pk).emailed_at is None

    refused.EMAIL_BACKEND = LOCMEM
    assert services.issue_missing(now=later()) == (0, 1)
    assert [message.to for message in mail.outbox] == [[learner.email]]
    assert services.issue_missing(now=later()) == (0, 0)
    assert tasks.issue_certificate.delay(enrolment.pk).get() == certificate.serial
    assert len(mail.outbox) == 1


def test_sending_says_when_to_try_again(refused, learner, kazakh_course):
    certificate = services.issue_for_enrolment(complete(learner, kazakh_course).pk)
    with pytest.raises(lms_mail.MailNotSent):
        services.send_certificate_email(certificate.pk)
    refused.EMAIL_BACKEND = "tests.mail_backends.TemporarilyRefuses"
    with pytest.raises(lms_mail.MailNotSent):
        services.send_certificate_email(certificate.pk)
    assert Certificate.objects.get(pk=certificate.pk).emailed_at is None
    refused.EMAIL_BACKEND = LOCMEM
    assert services.send_certificate_email(certificate.pk) is True
    assert services.send_certificate_email(certificate.pk) is False
    assert len(mail.outbox) == 1


def test_an_email_marked_by_another_run_is_not_sent_again(learner, kazakh_course):
    certificate = services.issue_for_enrolment(complete(learner, kazakh_course).pk)
    # Another run marked it and is sending it (or was killed while sending it).
    Certificate.objects.filter(pk=certificate.pk).update(emailed_at=timezone.now())
    assert services.send_certificate_email(certificate.pk) is False
    assert services.issue_missing(now=later()) == (0, 0)
    assert mail.outbox == []


def test_a_connection_lost_while_sending_is_not_sent_again(settings, monkeypatch, learner, kazakh_course):
    certificate = services.issue_for_enrolment(complete(learner, kazakh_course).pk)
    settings.EMAIL_BACKEND = "tests.mail_backends.DropsConnection"
    monkeypatch.setattr(DropsConnection, "taken", 0)  # breaks while sending the first
    assert services.send_certificate_email(certificate.pk) is False  # it may have arrived
    settings.EMAIL_BACKEND = LOCMEM
    assert Certificate.objects.get(pk=certificate.pk).emailed_at is not None
    assert services.issue_missing(now=later()) == (0, 0)
    assert mail.outbox == []


def test_the_sweep_stops_at_a_refused_connection_and_sends_each_email_once_later(
    refused, union, kazakh_course
):
    learners = [member(union.school_a) for _ in range(3)]
    for person in learners:
        services.issue_for_enrolment(complete(person, kazakh_course).pk)
    assert services.issue_missing(now=later()) == (0, 0)
    assert not Certificate.objects.filter(emailed_at__isnull=False).exists()
    refused.EMAIL_BACKEND = LOCMEM
    assert services.issue_missing(now=later()) == (0, 3)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(person.email for person in learners)
    assert services.issue_missing(now=later()) == (0, 0)


def test_task_retries_wait_longer_each_time_up_to_ten_minutes():
    delays = [lms_mail.retry_delay(retries) for retries in range(lms_mail.MAX_RETRIES)]
    assert delays[:3] == [10, 20, 40]
    assert delays == sorted(delays) and max(delays) == 600
    assert sum(delays) < 3600  # below Redis' visibility timeout, so no redelivery loops
