"""With the Content-Security-Policy on, the learner pages and the Wagtail admin work in
Chromium without a single violation: nothing inline was left behind."""

import pytest
from django.core.management import call_command

from tests.browser.test_smoke import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER_PAGES = ["/", "/learning/", "/learning/catalogue/", "/materials/", "/events/", "/search/?q=құқық",
                 "/certificates/", "/notifications/", "/notifications/preferences/", "/me/"]
ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/certificate_templates/", "/admin/documents/"]


def _violations(page):
    found = []
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text else None)
    return found


@pytest.mark.parametrize("email, paths", [
    ("member.kk@example.org", LEARNER_PAGES),
    ("admin@example.org", ADMIN_PAGES + ["/events/", "/reports/", "/reports/coverage/", "/reports/courses/"]),
])
def test_pages_work_under_the_policy(phone, live_server, email, paths):
    call_command("seed_demo")  # the union, courses, library, webinars and reports
    violations = _violations(phone)
    log_in(phone, live_server.url, email)
    for path in paths:
        response = phone.goto(live_server.url + path)
        assert response.status < 400, path
        assert response.headers.get("content-security-policy"), path
        phone.wait_for_load_state("networkidle")
    for webinar in phone.locator("a[href*='/webinars/']").all()[:1]:
        webinar.click()
        phone.wait_for_load_state("networkidle")
    assert violations == []
