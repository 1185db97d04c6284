import pytest

from demo.seed import seed_demo
from demo.union import DEMO_PASSWORD
from tests.browser.conftest import open_menu, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url, email):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/")


def test_demo_member_logs_in_on_a_phone_and_sees_the_home_page_in_kazakh(phone, live_server):
    seed_demo()

    log_in(phone, live_server.url, "member.kk@example.org")

    assert phone.locator("html").get_attribute("lang") == "kk"
    heading = phone.locator("h1").inner_text()
    assert heading == "Қазақстандық білім және ғылым қызметкерлерінің салалық кәсіподағы"
    assert "Айгерім" in phone.locator("main").inner_text()
    # Nothing wider than the phone: no sideways scrolling.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "home-member-kk")


def test_member_switches_to_russian_and_the_choice_sticks(phone, live_server):
    seed_demo()
    log_in(phone, live_server.url, "member.kk@example.org")

    open_menu(phone)
    phone.locator("button[name=language][value=ru]").click()
    phone.goto(f"{live_server.url}/me/")

    assert phone.locator("html").get_attribute("lang") == "ru"
    assert phone.locator("h1").inner_text() == "Мой профиль"
    screenshot(phone, "profile-member-ru")
