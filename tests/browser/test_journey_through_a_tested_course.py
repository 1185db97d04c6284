"""A teacher on a phone, in Kazakh and in Russian, through a course with a pre-test, a video
lesson and a final test: enrol → the pre-test offered → taken (or skipped) → the lessons, each
saying where she is, the video playing in the page → the final test passed → "course
completed" with the certificate → the bell tells of it. At every step the page fits the phone,
takes taps at full size and holds no text of the other language."""

import datetime
import json
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Collection

from demo.home import ensure_home_page
from lms.models import Enrolment, LearnerCategory
from quizzes.models import Option, Question, Quiz
from quizzes.question_types.builtin import QuestionKind
from tests.browser.conftest import screenshot, wait_until
from tests.browser.languages import other_language_text
from tests.browser.test_layout import too_small
from tests.content.factories import document
from tests.lms.factories import PASSWORD, catalogue_page, course, member
from tests.quizzes.factories import bank, quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEADLINE = datetime.date(2027, 5, 29)
TEXTS = {
    "kk": {"course": "Еңбек даулары", "question": "Жеке еңбек дауын алдымен кім қарайды?",
           "right": "Келісім комиссиясы", "wrong": "Әкім", "other": "Сот",
           "video": "Еңбек дауы туралы бейне", "deadline": "29 мамыр 2027 ж."},
    "ru": {"course": "Трудовые споры", "question": "Кто первым рассматривает индивидуальный трудовой спор?",
           "right": "Согласительная комиссия", "wrong": "Аким", "other": "Суд",
           "video": "Видео о трудовом споре", "deadline": "29 мая 2027 г."},
}


def say(language, message, **values):
    """What the page says in ``language`` (the catalogue's text for ``message``)."""
    with translation.override(language):
        return _(message) % values if values else _(message)


@pytest.fixture(params=["kk", "ru"])
def language(request):
    return request.param


@pytest.fixture
def tested_course(db, language):
    texts = TEXTS[language]
    ensure_home_page()  # a transactional test starts from a flushed database
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    page = course(catalogue_page(), modules=1, lessons=2, language=language, title=texts["course"],
                  summary=texts["question"], deadline=DEADLINE)
    clip = document("clip.webm", (Path(__file__).parents[1] / "data" / "clip.webm").read_bytes())
    first = page.lessons().first().specific
    first.title = texts["video"]
    first.body = json.dumps([{"type": "video", "value": {"title": texts["video"], "file": clip.pk}}])
    first.save_revision().publish()
    questions = bank(texts["course"])
    asked = Question.objects.create(
        bank=questions, kind=QuestionKind.SINGLE, **{f"text_{language}": texts["question"]}
    )
    for order, (text, credit) in enumerate([(texts["right"], 1), (texts["other"], 0), (texts["wrong"], 0)]):
        Option.objects.create(question=asked, sort_order=order, fraction=credit, **{f"text_{language}": text})
    quiz(page, [questions], role=Quiz.Role.PRE, question_count=1)
    quiz(page, [questions], question_count=1, pass_mark=70)
    return page


@pytest.fixture
def teacher(db, language):
    person = member(None, category=LearnerCategory.MEMBER)
    person.profile.language = language
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


def as_on_a_phone(phone, language):
    """What holds on every page of the journey (once it has loaded, styles included)."""
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("lang") == language
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert too_small(phone) == [], (phone.url, too_small(phone))
    assert other_language_text(phone, language) == []


def test_a_teacher_takes_the_pre_test_learns_passes_and_gets_her_certificate(
    phone, live_server, tested_course, teacher, language
):
    base, texts = live_server.url, TEXTS[language]
    log_in(phone, base, teacher)

    # The course page gives its deadline in the language's own date format.
    phone.goto(f"{base}{tested_course.url}")
    assert texts["deadline"] in phone.locator("main").inner_text()
    as_on_a_phone(phone, language)

    # Enrolling leads into the pre-test, which says what it is for.
    phone.locator("form[action*='/enrol/'] button").click()
    assert phone.locator("h1").inner_text() == say(language, "Test before the course")
    assert phone.locator(".pre-test-purpose").is_visible()
    assert phone.locator("form[action*='/skip/'] button").is_visible()
    as_on_a_phone(phone, language)
    screenshot(phone, f"journey-1-pre-test-offered-{language}")

    # Taken: the result has one button, to the lessons.
    phone.locator("main form:not([action*='/skip/']) button[type=submit]").click()
    phone.wait_for_url("**/attempts/*/")
    as_on_a_phone(phone, language)
    answer_and_submit(phone, texts["wrong"])
    assert "0%" in phone.locator(".score").inner_text()
    as_on_a_phone(phone, language)
    phone.get_by_role("link", name=say(language, "Go to the lessons")).click()

    # Each lesson says where she is, with the way back and on; the video plays in the page.
    lessons = list(tested_course.lessons())
    assert phone.url.endswith(lessons[0].url)
    position = phone.locator(".lesson-position")
    assert say(language, "Lesson %(number)s of %(total)s", number=1, total=2) in position.inner_text()
    assert phone.locator(".lesson-nav a[rel=next]").get_attribute("href") == lessons[1].url
    wait_until(phone, "document.querySelector('figure.video video').readyState >= 1")
    assert phone.locator("figure.video video").evaluate("v => v.play().then(() => 'played')") == "played"
    phone.locator("figure.video video").evaluate("v => v.pause()")
    as_on_a_phone(phone, language)
    screenshot(phone, f"journey-2-lesson-1-of-2-{language}")
    phone.locator("form[action*='/done/'] button").click()
    assert say(language, "Lesson %(number)s of %(total)s", number=2, total=2) in position.inner_text()
    phone.locator("form[action*='/done/'] button").click()

    # After the last lesson the final test note carries its button.
    note = phone.locator(".enrol-box .next-step")
    assert "70%" in note.inner_text()
    as_on_a_phone(phone, language)
    screenshot(phone, f"journey-3-final-test-next-{language}")
    note.get_by_role("link", name=say(language, "Final test")).click()
    phone.locator("main form button[type=submit]").click()
    answer_and_submit(phone, texts["right"])

    # Passed: the course is completed, the certificate is there to download and share.
    completion = phone.locator(".completion")
    assert say(language, "Course completed") in completion.inner_text()
    download = completion.locator("a[href*='/download/']")
    verify = completion.locator("a[href*='/verify/']")
    assert phone.request.get(f"{base}{download.get_attribute('href')}").body()[:5] == b"%PDF-"
    assert phone.request.get(f"{base}{verify.get_attribute('href')}").ok
    assert "100%" in phone.locator(".score").inner_text()
    as_on_a_phone(phone, language)
    screenshot(phone, f"journey-4-course-completed-{language}")

    # The bell tells of the certificate.
    assert phone.locator(".bell .badge").inner_text() == "1"
    phone.locator(".bell").click()
    assert say(language, "Your certificate is ready") in phone.locator(".notifications").inner_text()
    as_on_a_phone(phone, language)
    screenshot(phone, f"journey-5-bell-certificate-{language}")
    assert Enrolment.objects.get(user=teacher).pre_test_skipped_at is None


def test_a_teacher_skips_the_pre_test_and_goes_straight_to_the_lessons(
    phone, live_server, tested_course, teacher, language
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
    as_on_a_phone(phone, language)
    screenshot(phone, f"journey-6-skipped-course-page-{language}")
