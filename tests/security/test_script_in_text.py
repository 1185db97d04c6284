"""HTML and script typed into any text field (names, titles, summaries, speakers, reminder
texts) comes out escaped on every page that shows it."""

import pytest
from django.urls import reverse

from certificates.models import Certificate
from lms import services as lms_services
from notifications.models import Reminder
from notifications.reminders.courses import INACTIVITY
from tests.content.factories import library_page, material, webinar, webinar_list_page
from tests.lms.factories import course, member

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def test_script_in_text_fields_is_escaped_everywhere(
    client, union, catalogue, django_capture_on_commit_callbacks
):
    learner = member(union.school_a, first_name=PAYLOAD, last_name=PAYLOAD)
    with django_capture_on_commit_callbacks(execute=True):
        page = course(catalogue, modules=1, lessons=1, title=f"Курс {PAYLOAD}")
        enrolment = lms_services.enrol(learner, page)
        lms_services.complete_lesson(enrolment, page.lessons().get())
    certificate = Certificate.objects.get(enrolment=enrolment)
    thing = material(library_page(), title=f"Материал {PAYLOAD}", summary=PAYLOAD)
    event = webinar(webinar_list_page(), title=f"Вебинар {PAYLOAD}", speaker=PAYLOAD)
    Reminder.objects.create(user=learner, kind=INACTIVITY.code, subject="x", claim="0" * 32,
                            params={"course_title": PAYLOAD, "course_id": page.pk})
    client.force_login(learner)
    pages = [
        catalogue.url, page.url, page.lessons().get().url, reverse("lms:dashboard"), reverse("lms:profile"),
        reverse("certificates:mine"), reverse("certificates:verify", args=[certificate.code]),
        reverse("notifications:list"), thing.url, event.url, "/search/?q=Курс",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<script>alert(" not in html, url
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), url
    assert "&lt;script&gt;" in client.get(reverse("notifications:list")).content.decode()
