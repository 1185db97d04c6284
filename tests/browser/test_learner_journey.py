import pytest

from demo.seed import seed_demo
from lms.models import CoursePage, Enrolment
from tests.browser.conftest import screenshot
from tests.browser.test_smoke import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    "email, slug, finished",
    [
        ("member.ru@example.org", "labour-law-basics-ru", "Курс пройден"),
        ("member.kk@example.org", "labour-law-basics-kk", "Курс аяқталды"),
    ],
)
def test_member_finds_enrols_learns_over_two_visits_and_completes(
    phone, live_server, email, slug, finished
):
    seed_demo()
    course = CoursePage.objects.get(slug=slug)
    lesson_count = course.lessons().count()
    base = live_server.url

    log_in(phone, base, email)
    phone.goto(f"{base}/learning/catalogue/")
    screenshot(phone, f"catalogue-{slug}")
    phone.locator(f"a[href='{course.url}']").first.click()
    phone.locator("form[action*='/enrol/'] button").click()
    # Enrolling opens the first lesson; finish it, then leave.
    phone.locator("form[action*='/done/'] button").click()
    screenshot(phone, f"lesson-{slug}")

    # Second visit: log in again, "continue" on My learning leads to the next unfinished lesson.
    phone.context.clear_cookies()
    log_in(phone, base, email)
    phone.goto(f"{base}/learning/")
    card = phone.locator("section.enrolment", has=phone.locator(f"h2 a[href='{course.url}']"))
    card.locator("a.button").click()
    assert phone.url == f"{base}{course.lessons()[1].url}"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    for _ in range(lesson_count):
        if phone.locator("form[action*='/done/'] button").count() == 0:
            break
        phone.locator("form[action*='/done/'] button").click()

    assert finished in phone.locator(".messages").inner_text()
    assert Enrolment.objects.get(user__email=email, course=course).completed_at is not None
    phone.goto(f"{base}/learning/")
    screenshot(phone, f"dashboard-{slug}")
    assert phone.locator(".status.done").count() >= 1
