import pytest

from demo.seed import seed_demo
from lms.models import CoursePage
from tests.browser.conftest import screenshot
from tests.browser.test_smoke import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_HEIGHT = 844
CATALOGUE_HEIGHT = 2500


def test_a_kazakh_member_sees_a_short_catalogue_in_kazakh_and_finds_a_course_by_a_word_form(
    phone, live_server
):
    seed_demo()
    base = live_server.url
    kazakh = CoursePage.objects.filter(language="kk").order_by("title")
    inspectors = CoursePage.objects.get(slug="occupational-safety-inspectors-kk")
    russian_copy = CoursePage.objects.get(slug="occupational-safety-inspectors-ru")

    log_in(phone, base, "member.kk@example.org")
    phone.goto(f"{base}/learning/catalogue/")
    screenshot(phone, "catalogue-member-kk")

    # Each course once, in Kazakh, with a link to its Russian copy.
    cards = phone.locator(".course-card")
    assert cards.count() == kazakh.count()
    titles = [cards.nth(i).locator("h2").inner_text() for i in range(cards.count())]
    assert sorted(titles) == sorted(course.title for course in kazakh)
    assert phone.locator(".course-card .also-in a[lang=ru]").count() == kazakh.count()
    # Short: several courses on the first screen, the filters folded away, nothing sideways.
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height < CATALOGUE_HEIGHT, height
    first_screen = phone.evaluate(
        f"[...document.querySelectorAll('.course-card')].filter("
        f"c => c.getBoundingClientRect().top < {PHONE_HEIGHT}).length"
    )
    assert first_screen >= 2
    assert not phone.locator("details.filters select").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # "инспекторға" (to an inspector) finds "...инспекторларға арналған..." (for inspectors).
    phone.fill("input[name=q]", "инспекторға")
    phone.locator(".search-bar button").click()
    assert phone.locator(f".course-card h2 a[href='{inspectors.url}']").is_visible()
    assert phone.locator(f".course-card h2 a[href='{russian_copy.url}']").count() == 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "catalogue-search-kk")

    phone.locator("details.filters summary").click()
    assert phone.locator("details.filters select").first.is_visible()
