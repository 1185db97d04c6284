import pytest

from content.models import WebinarPage, WebinarRegistration
from demo.library import build_demo_library
from demo.seed import seed_demo
from tests.browser.conftest import open_menu, screenshot
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


@pytest.mark.parametrize("zone, shown", [("Europe/Moscow", "13:00"), ("Asia/Almaty", None)])
def test_webinar_time_is_also_shown_in_the_visitors_own_zone(chromium, live_server, zone, shown):
    seed_demo()
    build_demo_library()
    webinar = WebinarPage.objects.get(slug="employment-contract-ru")  # 15:00 Almaty time
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="ru-RU", timezone_id=zone)
    page = context.new_page()

    page.goto(f"{live_server.url}{webinar.url}")
    local = page.locator(".local-time")

    if shown:
        assert local.is_visible() and shown in local.inner_text() and zone in local.inner_text()
    else:
        assert not local.is_visible()
    assert "15:00" in page.locator(".when").inner_text()
    context.close()
