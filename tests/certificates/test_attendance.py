"""Webinar attendance certificates go through the same machinery as course certificates."""

import datetime
import io

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from certificates import services
from certificates.models import Certificate
from content.models import WebinarIndexPage, WebinarPage, WebinarRegistration
from content.services.attendance import mark_attended
from tests.lms.factories import administrator

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_webinar():
    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(instance=WebinarIndexPage(title="Вебинары", slug="webinars"))
    return index.add_child(instance=WebinarPage(
        title="Ұжымдық шарт: жаңа талаптар", slug="collective-agreement", speaker="А. Серікова",
        starts_at=timezone.now() - datetime.timedelta(days=1), duration_minutes=90, language="kk",
    ))


@pytest.fixture
def registration(past_webinar, learner):
    return WebinarRegistration.objects.create(webinar=past_webinar, user=learner)


def test_marking_attendance_issues_one_attendance_certificate(
    registration, past_webinar, learner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mark_attended(past_webinar, [registration.pk])
    with django_capture_on_commit_callbacks(execute=True):
        mark_attended(past_webinar, [registration.pk])  # marked again: nothing new

    certificate = Certificate.objects.get(registration=registration)
    assert certificate.kind == Certificate.Kind.WEBINAR and certificate.enrolment is None
    assert certificate.title == "Ұжымдық шарт: жаңа талаптар"
    assert certificate.hours == 2  # 90 minutes are two academic hours of 45
    assert certificate.completed_on == timezone.localdate(past_webinar.starts_at)
    assert certificate.language == "kk"
    with certificate.pdf.open("rb") as pdf:
        text = pypdf.PdfReader(io.BytesIO(pdf.read())).pages[0].extract_text()
    assert "Ұжымдық шарт: жаңа талаптар" in text
    assert "вебинарға қатысты" in text


def test_an_attendance_with_no_certificate_is_swept_up(registration, past_webinar):
    mark_attended(past_webinar, [registration.pk])  # its on-commit task never ran
    assert not Certificate.objects.exists()
    assert services.issue_missing() == (1, 0)
    assert Certificate.objects.filter(registration=registration).count() == 1


def test_a_registration_not_attended_gets_nothing(registration):
    assert services.issue_for_attendance(registration.pk) is None


def test_attendance_certificates_are_listed_verified_reissued(
    client, registration, past_webinar, learner, union, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mark_attended(past_webinar, [registration.pk])
    certificate = Certificate.objects.get()
    client.force_login(learner)
    assert certificate.serial in client.get(reverse("certificates:mine")).content.decode()
    assert client.get(certificate.get_download_url()).status_code == 200
    client.logout()
    check_page = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert "Ұжымдық шарт" in check_page.content.decode()

    replacement = services.reissue(certificate, reason="Name corrected", by=administrator(union.region_a))
    assert replacement.kind == Certificate.Kind.WEBINAR and replacement.registration == registration
    assert Certificate.objects.valid().get() == replacement
