"""A teacher on a phone, in Kazakh, through a course with a pre-test and a final test:
enrol → the pre-test offered → taken (or skipped) → the lessons, each saying where she is →
the final test passed → "course completed" with the certificate → the bell tells of it."""

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from demo.home import ensure_home_page
from lms.models import Enrolment, LearnerCategory
from quizzes.models import Quiz
from tests.browser.conftest import screenshot
from tests.lms.factories import PASSWORD, catalogue_page, course, member
from tests.quizzes.factories import bank, question, quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RIGHT, WRONG = "Келісім комиссиясы", "Әкім"


def kk(message, **values):
    """What the page says in Kazakh (the catalogue's text for ``message``)."""
    with translation.override("kk"):
        return _(message) % values if values else _(message)


@pytest.fixture
def tested_course(db):
    ensure_home_page()
    page = course(catalogue_page(), modules=1, lessons=2, language="kk", title="Еңбек даулары")
    questions = bank("Еңбек даулары")
    question(questions, text_kk="Жеке еңбек дауын алдымен кім қарайды?",
             options=[(RIGHT, 1), ("Сот", 0), (WRONG, 0)])
    quiz(page, [questions], role=Quiz.Role.PRE, question_count=1)
    quiz(page, [questions], question_count=1, pass_mark=70)
    return page


@pytest.fixture
def teacher(db):
    person = member(None, category=LearnerCategory.MEMBER)
    person.profile.language = "kk"
    person.profile.save()
    return person


def log_in(phone, base, user):
    phone.goto(f"{base}/accounts/login/")
    phone.fill("input[name=login]", user.email)
    phone.fill("input[name=password]", PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"{base}/")


def answer_and_submit(phone, option):
    phone.locator("fieldset.question").first.get_by_label(option).check()
    phone.locator("button[name=action][value=submit]").click()
    phone.wait_for_url("**/result/")


def fits(phone):
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_teacher_takes_the_pre_test_learns_passes_and_gets_her_certificate(
    phone, live_server, tested_course, teacher
):
    base = live_server.url
    phone.on("dialog", lambda dialog: dialog.accept())  # "submit the test?"
    log_in(phone, base, teacher)

    # Enrolling leads into the pre-test, which says what it is for.
    phone.goto(f"{base}{tested_course.url}")
    phone.locator("form[action*='/enrol/'] button").click()
    assert phone.locator("h1").inner_text() == "Курс алдындағы тест"
    assert phone.locator(".pre-test-purpose").is_visible()
    assert phone.locator("form[action*='/skip/'] button").is_visible()
    fits(phone)
    screenshot(phone, "journey-1-pre-test-offered-kk")

    # Taken: the result has one button, to the lessons.
    phone.locator("main form:not([action*='/skip/']) button[type=submit]").click()
    answer_and_submit(phone, WRONG)
    assert "0%" in phone.locator(".score").inner_text()
    phone.get_by_role("link", name=kk("Go to the lessons")).click()

    # Each lesson says where she is, with the way back and on.
    lessons = list(tested_course.lessons())
    assert phone.url.endswith(lessons[0].url)
    position = phone.locator(".lesson-position")
    assert kk("Lesson %(number)s of %(total)s", number=1, total=2) in position.inner_text()
    assert phone.locator(".lesson-nav a[rel=next]").get_attribute("href") == lessons[1].url
    fits(phone)
    screenshot(phone, "journey-2-lesson-1-of-2-kk")
    phone.locator("form[action*='/done/'] button").click()
    assert kk("Lesson %(number)s of %(total)s", number=2, total=2) in position.inner_text()
    phone.locator("form[action*='/done/'] button").click()

    # After the last lesson the final test note carries its button.
    note = phone.locator(".enrol-box .next-step")
    assert "70%" in note.inner_text()
    screenshot(phone, "journey-3-final-test-next-kk")
    note.get_by_role("link", name="Қорытынды тест").click()
    phone.locator("main form button[type=submit]").click()
    answer_and_submit(phone, RIGHT)

    # Passed: the course is completed, the certificate is there to download and share.
    completion = phone.locator(".completion")
    assert kk("Course completed") in completion.inner_text()
    download = completion.locator("a[href*='/download/']")
    verify = completion.locator("a[href*='/verify/']")
    assert phone.request.get(f"{base}{download.get_attribute('href')}").body()[:5] == b"%PDF-"
    assert phone.request.get(f"{base}{verify.get_attribute('href')}").ok
    assert "100%" in phone.locator(".score").inner_text()
    fits(phone)
    screenshot(phone, "journey-4-course-completed-kk")

    # The bell tells of the certificate.
    assert phone.locator(".bell .badge").inner_text() == "1"
    phone.locator(".bell").click()
    assert kk("Your certificate is ready") in phone.locator(".notifications").inner_text()
    fits(phone)
    screenshot(phone, "journey-5-bell-certificate-kk")
    assert Enrolment.objects.get(user=teacher).pre_test_skipped_at is None


def test_a_teacher_skips_the_pre_test_and_goes_straight_to_the_lessons(
    phone, live_server, tested_course, teacher
):
    base = live_server.url
    log_in(phone, base, teacher)

    phone.goto(f"{base}{tested_course.url}")
    phone.locator("form[action*='/enrol/'] button").click()
    phone.locator("form[action*='/skip/'] button").click()

    assert phone.url.endswith(tested_course.lessons().first().url)
    assert phone.locator(".lesson-nav a[rel=prev]").count() == 0
    assert Enrolment.objects.get(user=teacher).pre_test_skipped_at is not None
    phone.goto(f"{base}{tested_course.url}")
    assert phone.locator(".enrol-box .next-step").count() == 0  # the pre-test is no longer offered
    screenshot(phone, "journey-6-skipped-course-page-kk")
