from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.formats import date_format

from content.models import WebinarPage, WebinarRegistration
from demo.library import build_demo_library
from demo.seed import seed_demo
from tests.browser.conftest import open_menu, screenshot
from tests.browser.languages import other_language_text
from tests.browser.test_smoke import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def test_member_searches_opens_a_material_and_registers_for_a_webinar_on_a_phone(phone, live_server):
    seed_demo()
    build_demo_library()
    base = live_server.url
    webinar = WebinarPage.objects.get(slug="collective-agreement-kk")

    log_in(phone, base, "member.kk@example.org")
    phone.goto(f"{base}/search/")
    phone.fill("#site-q", "мұғалімге")
    phone.locator(".search-bar button").click()
    materials = phone.locator(".results.materials")
    # A Kazakh word in another form finds the material, the members-only case study too.
    assert "Мұғалімдердің еңбек құқықтарын қорғау" in materials.inner_text()
    assert "Кейс: мұғалімге қосымша жүктеме берілді" in materials.inner_text()
    assert fits_the_phone(phone)
    screenshot(phone, "search-kk")

    materials.get_by_role("link", name="Мұғалімдердің еңбек құқықтарын қорғау бойынша ұсынымдар").click()
    assert phone.locator("h1").inner_text() == "Мұғалімдердің еңбек құқықтарын қорғау бойынша ұсынымдар"
    assert fits_the_phone(phone)
    screenshot(phone, "material-kk")

    open_menu(phone)
    phone.locator(".site-nav a[href='/events/']").click()
    phone.locator(f".webinar-list a[href='{webinar.url}']").click()
    assert "https://zoom.example.org" not in phone.content()  # the link waits for the start
    phone.locator(f"form[action='/events/{webinar.pk}/register/'] button").click()

    assert phone.locator(".registration-box .status.done").count() == 1
    assert WebinarRegistration.objects.filter(webinar=webinar, user__email="member.kk@example.org").exists()
    assert phone.locator(f"a[href='/events/{webinar.pk}/calendar.ics']").count() == 1
    assert fits_the_phone(phone)
    screenshot(phone, "webinar-registered-kk")


@pytest.mark.parametrize("zone, slug, locale, language", [
    ("Europe/Moscow", "employment-contract-ru", "ru-RU", "ru"),
    ("Europe/Moscow", "collective-agreement-kk", "kk-KZ", "kk"),
    ("Asia/Almaty", "employment-contract-ru", "ru-RU", "ru"),
])
def test_webinar_time_is_also_shown_in_the_visitors_own_zone_in_the_pages_language(
    chromium, live_server, zone, slug, locale, language
):
    seed_demo()
    build_demo_library()
    webinar = WebinarPage.objects.get(slug=slug)
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale=locale, timezone_id=zone)
    page = context.new_page()

    page.goto(f"{live_server.url}{webinar.url}")
    local = page.locator(".local-time")

    assert page.locator("html").get_attribute("lang") == language
    almaty = webinar.starts_at.astimezone(ZoneInfo("Asia/Almaty"))
    assert almaty.strftime("%H:%M") in page.locator(".when").inner_text()
    if zone == "Asia/Almaty":
        assert not local.is_visible()
    else:
        # Written with the page's own words, whatever Kazakh the browser knows.
        start, end = (moment.astimezone(ZoneInfo(zone)) for moment in (webinar.starts_at, webinar.ends_at))
        with translation.override(language):
            expected = (f"{date_format(start, 'l')}, {start.day} {date_format(start, 'E')}, "
                        f"{start:%H:%M}–{end:%H:%M} ({zone})")
        assert local.is_visible()
        assert local.locator("time").inner_text() == expected
        assert other_language_text(page, language) == []
    context.close()
