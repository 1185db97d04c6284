"""Real mail over SMTP. The worker (and, in the sign-up test, this process) send to the SMTP
sink that .ci/run starts (tests/integration/smtp_sink.py), which keeps every message as it
was received; the tests read them back with the ``email`` package. .ci/run sets SITE_URL to
a public https address, so a link to the worker's own address would show."""

import re
import time
import uuid
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from celery.result import AsyncResult
from celery.signals import after_task_publish
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.tasks import issue_certificate, issue_missing_certificates
from lms import services as lms_services
from lms.models import Enrolment, LearnerCategory, User
from notifications import services
from notifications.models import EmailOptOut, Reminder
from notifications.reminders.courses import INACTIVITY
from notifications.tasks import send_reminder_chunk
from tests.lms.factories import UnionTree, catalogue_page, course, member

from . import real_services
from .real_services import emails_to, mails_to, smtp_sink_stopped, wait_for

pytestmark = pytest.mark.integration

KAZAKH = re.compile("[әғқңөұүһі]", re.IGNORECASE)
LINK = re.compile(r"https?://[^\s<>\"')]+")


@pytest.fixture(scope="module")
def site_url():
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert url.startswith("https://") and "127.0.0.1" not in url, (
        f"SITE_URL should be a public https address for the worker and the tests (see .ci/run), not {url}"
    )
    return url


def subject_of(message):
    """The decoded subject as a mail client shows it (Django folds a long encoded subject
    onto the next line, which leaves a leading space after unfolding)."""
    return str(message["Subject"]).strip()


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def assert_links_to_the_site(message, site_url):
    """Every link of every part points to the public site; the worker's own address never shows."""
    parts = [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    links = [link for part in parts for link in LINK.findall(part)]
    assert links, "the email has no link"
    for link in links:
        assert link.startswith(site_url + "/"), link
    assert not any("127.0.0.1" in part or "localhost" in part for part in parts)


def language_learner(organisation, language, **names):
    learner = member(organisation, **names)
    learner.profile.language = language
    learner.profile.save()
    return learner


@pytest.fixture
def course_with_learners(django_db_blocker):
    """A committed one-lesson Russian course and learners who chose Kazakh, Russian and
    Kazakh; removed afterwards."""
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        page = course(catalogue, modules=1, lessons=1, language="ru", title="Охрана труда в школе")
        learners = [
            language_learner(tree.school_a, "kk", first_name="Әлия", last_name="Құдайбергенова"),
            language_learner(tree.school_a, "ru", first_name="Ольга", last_name="Петренко"),
            language_learner(tree.school_a, "kk", first_name="Ерлан", last_name="Жұмабеков"),
        ]
        try:
            yield page, learners
        finally:
            connection.close()
            Certificate.objects.filter(enrolment__course=page).delete()
            Enrolment.objects.filter(course=page).delete()
            catalogue.delete()
            User.objects.filter(pk__in=[learner.pk for learner in learners]).delete()
            tree.root.delete()


def complete(learner, page):
    """Enrol and finish the course, as the learner does: the certificate task is queued."""
    enrolment = lms_services.enrol(learner, page)
    assert lms_services.complete_lesson(enrolment, page.lessons().get())
    return enrolment


def test_the_certificate_email_arrives_in_the_learners_language_with_public_links(
    course_with_learners, site_url
):
    page, (kazakh, russian, _other) = course_with_learners
    started = time.time()
    enrolments = {learner: complete(learner, page) for learner in (kazakh, russian)}

    for learner in (kazakh, russian):
        wait_for(lambda learner=learner: emails_to(learner.email, started) >= 1,
                 message="the certificate email")
    [to_kazakh], [to_russian] = mails_to(kazakh.email, started), mails_to(russian.email, started)

    # The course is in Russian; each email is in its reader's language, Kazakh letters intact.
    assert subject_of(to_kazakh) == "Сіздің сертификатыңыз: Охрана труда в школе"
    assert "Сәлеметсіз бе, Әлия Құдайбергенова!" in text_of(to_kazakh)
    assert "Оны кез келген адам мына жерде тексере алады:" in text_of(to_kazakh)
    assert subject_of(to_russian) == "Ваш сертификат: Охрана труда в школе"
    assert "Здравствуйте, Ольга Петренко!" in text_of(to_russian)
    assert not KAZAKH.search(text_of(to_russian))
    for learner, message in ((kazakh, to_kazakh), (russian, to_russian)):
        certificate = Certificate.objects.get(enrolment=enrolments[learner])
        assert message["To"] == learner.email
        assert certificate.serial in text_of(message)
        assert f"{site_url}/certificates/verify/{certificate.code}/" in text_of(message)
        assert_links_to_the_site(message, site_url)
        assert certificate.emailed_at is not None


def _reminder_chunk(page):
    """The enrolment-id range of the idle learners in ``page``: one reminder task's worth."""
    ids = list(services.due("inactivity", timezone.now()).filter(course=page).values_list("pk", flat=True))
    assert ids, "no inactivity reminder is due"
    return "inactivity", min(ids), max(ids) + 1


def test_a_reminder_arrives_with_one_click_unsubscribe_that_works(django_db_blocker, site_url):
    with real_services.idle_learners(django_db_blocker, 1) as (page, [learner]):
        started = time.time()
        result = send_reminder_chunk.delay(*_reminder_chunk(page), timezone.now().isoformat())
        assert result.get(timeout=120) == {"claimed": 1, "emailed": 1}
        [message] = mails_to(learner.email, started)

        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe = re.fullmatch(r"<(.+)>", str(message["List-Unsubscribe"]).strip()).group(1)
        assert unsubscribe.startswith(f"{site_url}/notifications/unsubscribe/")
        assert_links_to_the_site(message, site_url)
        assert message.get_body(preferencelist=("html",)) is not None

        # What a mail client does on "unsubscribe": a POST with no cookie and no CSRF token.
        answer = Client(enforce_csrf_checks=True).post(urlsplit(unsubscribe).path, secure=True)
        assert answer.status_code == 200
        assert EmailOptOut.objects.filter(user=learner, kind=INACTIVITY.code).exists()


def test_the_sign_up_email_goes_over_smtp_with_a_public_link_in_the_chosen_language(
    settings, site_url, django_db_blocker
):
    # pytest-django sends this process's mail to a list in memory; this test sends it over SMTP.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = real_services.smtp_sink_address()
    address = f"new.teacher.{uuid.uuid4().hex[:8]}@example.org"
    form = {
        "email": address, "password1": "Kokshetau-school-2026", "password2": "Kokshetau-school-2026",
        "last_name": "Нұрланова", "first_name": "Әсел", "category": LearnerCategory.MEMBER, "language": "kk",
    }
    started = time.time()
    with django_db_blocker.unblock():
        try:
            visitor = Client()
            # A Russian page, Kazakh chosen on the form; the request comes in on an internal name.
            response = visitor.post(reverse("account_signup"), form, HTTP_ACCEPT_LANGUAGE="ru",
                                    HTTP_HOST="localhost:8000")
            assert response.status_code == 302
            [message] = mails_to(address, started)

            assert subject_of(message) == "Электрондық пошта мекенжайыңызды растаңыз"
            body = text_of(message)
            assert "Кәсіподақ академиясы" in body and "testserver" not in body
            assert_links_to_the_site(message, site_url)
            [link] = LINK.findall(body)
            assert link.startswith(f"{site_url}/accounts/confirm-email/")

            visitor.post(urlsplit(link).path)
            assert EmailAddress.objects.get(email=address).verified
        finally:
            User.objects.filter(email=address).delete()


@contextmanager
def published_ids(task):
    """The ids of the ``task`` messages this process publishes inside the block."""
    ids = []

    def remember(sender=None, headers=None, **_kwargs):
        if sender == task.name:
            ids.append(headers["id"])

    after_task_publish.connect(remember, weak=False)
    try:
        yield ids
    finally:
        after_task_publish.disconnect(remember)


def test_a_refused_connection_is_retried_and_the_certificate_emailed_once(course_with_learners):
    page, (learner, *_rest) = course_with_learners
    started = time.time()
    with smtp_sink_stopped():
        with published_ids(issue_certificate) as ids:
            enrolment = complete(learner, page)
        [task_id] = ids
        task = AsyncResult(task_id)
        wait_for(lambda: task.state == "RETRY", timeout=60, message="the task to fail to connect and retry")
        certificate = Certificate.objects.get(enrolment=enrolment)
        assert certificate.emailed_at is None  # the refused email is not taken for sent
    # The sink is back; the task's retry (10 s later) sends it.

    assert task.get(timeout=120) == certificate.serial
    assert emails_to(learner.email, started) == 1
    certificate.refresh_from_db()
    assert certificate.emailed_at is not None
    # Beat's sweep and the task run again send nothing more.
    issue_missing_certificates.delay().get(timeout=60)
    assert issue_certificate.delay(enrolment.pk).get(timeout=60) == certificate.serial
    time.sleep(1)
    assert emails_to(learner.email, started) == 1


def test_a_refused_connection_leaves_reminders_unsent_and_the_retry_sends_each_once(django_db_blocker):
    with real_services.idle_learners(django_db_blocker, 3) as (page, learners):
        started, chunk = time.time(), _reminder_chunk(page)
        ours = Reminder.objects.filter(user__in=learners, kind=INACTIVITY.code)
        with smtp_sink_stopped():
            task = send_reminder_chunk.delay(*chunk, timezone.now().isoformat())
            wait_for(lambda: task.state == "RETRY", timeout=60,
                     message="the task to fail to connect and retry")
            assert ours.count() == len(learners)  # claimed: in the bell list
            assert not ours.filter(emailed_at__isnull=False).exists()  # but not taken for sent

        assert task.get(timeout=120) == {"claimed": len(learners), "emailed": len(learners)}
        assert ours.filter(emailed_at__isnull=False).count() == len(learners)
        again = send_reminder_chunk.delay(*chunk, timezone.now().isoformat()).get(timeout=60)
        assert again == {"claimed": 0, "emailed": 0}
        for learner in learners:
            assert emails_to(learner.email, started) == 1, learner.email
