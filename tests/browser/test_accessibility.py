"""Every page a learner meets, in Kazakh on a phone, passes axe-core's WCAG 2.2 A/AA rules."""

import pytest

from certificates.models import Certificate
from content.models import MaterialPage, WebinarPage
from demo.banks import build_demo_tests
from demo.library import build_demo_library
from demo.seed import seed_demo
from lms.models import CoursePage
from quizzes.models import Quiz
from tests.browser.accessibility import violations
from tests.browser.conftest import open_menu
from tests.browser.test_smoke import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_learner_page_in_kazakh_on_a_phone_has_no_wcag_violation(phone, live_server):
    seed_demo()
    build_demo_tests()
    build_demo_library()
    base = live_server.url
    email = "member.kk@example.org"
    log_in(phone, base, email)
    course = CoursePage.objects.get(slug="occupational-safety-inspectors-kk")
    video_lesson = next(
        lesson for lesson in CoursePage.objects.get(slug="union-basics-kk").lessons()
        if any(block.block_type == "video" for block in lesson.specific.body)
    )
    certificate = Certificate.objects.filter(user__email=email).first()
    pages = {
        "home": "/",
        "catalogue": "/learning/catalogue/",
        "search": "/search/?q=еңбек",
        "course": course.url,
        "video lesson": video_lesson.url,
        "my learning": "/learning/",
        "certificates": "/certificates/",
        "certificate check": f"/certificates/verify/{certificate.code if certificate else ''}",
        "library": "/materials/",
        "material": MaterialPage.objects.live().filter(language="kk").first().url,
        "webinars": "/events/",
        "webinar": WebinarPage.objects.live().filter(language="kk").first().url,
        "notifications": "/notifications/",
        "notification settings": "/notifications/preferences/",
        "achievements": "/motivation/",
        "leaderboard": "/motivation/leaderboard/",
        "profile": "/me/",
        "organisation": "/me/organisation/",
    }
    found = {}
    for name, path in pages.items():
        phone.goto(base + path)
        found[name] = violations(phone)
    open_menu(phone)
    found["the open menu"] = violations(phone)

    # The test pages: the pre-test offered, a question on the screen, the result.
    phone.goto(base + course.url)
    enrol = phone.locator("form[action*='/enrol/'] button")
    if enrol.count():
        enrol.click()
    pre_test = Quiz.objects.get(course=course, role=Quiz.Role.PRE)
    phone.goto(f"{base}/tests/{pre_test.pk}/")
    found["test start"] = violations(phone)
    phone.locator("main form:not([action*='/skip/']) button[type=submit]").click()
    phone.wait_for_url("**/attempts/*/")
    found["taking a test"] = violations(phone)
    phone.locator("button[name=action][value=submit]").click()
    found["submit with questions unanswered?"] = violations(phone)
    phone.locator("dialog.submit-confirm [data-confirm]").click()
    phone.wait_for_url("**/result/")
    found["test result"] = violations(phone)

    assert {name: lines for name, lines in found.items() if lines} == {}
