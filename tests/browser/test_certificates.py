import pytest
from django.urls import reverse

from certificates.models import Certificate
from demo.seed import seed_demo
from tests.browser.conftest import screenshot
from tests.browser.test_smoke import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_downloads_their_certificate_and_anyone_checks_it(phone, live_server):
    seed_demo()  # member.ru has completed "Основы профсоюзной работы"
    certificate = Certificate.objects.get(user__email="member.ru@example.org")
    base = live_server.url

    log_in(phone, base, "member.ru@example.org")
    phone.goto(f"{base}/learning/")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Скачать сертификат").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename == f"certificate-{certificate.serial}.pdf"

    phone.goto(f"{base}{reverse('certificates:mine')}")
    screenshot(phone, "certificates-mine")
    assert certificate.serial in phone.locator("main").inner_text()

    # A stranger (no cookies) types the code as it is printed, in lower case with a dash.
    phone.context.clear_cookies()
    phone.goto(f"{base}{reverse('certificates:verify_form')}")
    phone.get_by_label("Код проверки").fill(f"{certificate.code[:10].lower()}-{certificate.code[10:]}")
    phone.get_by_role("button", name="Проверить").click()
    text = phone.locator("main").inner_text()
    assert "Сертификат действителен" in text
    assert certificate.holder_name in text and certificate.title in text
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "certificate-check")
