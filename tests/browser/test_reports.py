import io
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from lms.models import LearnerProfile
from tests.browser.conftest import screenshot
from tests.browser.test_smoke import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390


def test_an_administrator_opens_the_dashboard_a_chart_and_downloads_an_xlsx(phone, live_server, tmp_path):
    call_command("seed_demo", stdout=StringIO())
    base = live_server.url
    log_in(phone, base, "admin.abai@example.org")

    phone.goto(f"{base}/reports/")
    chart = phone.locator("svg.chart[data-chart='coverage-categories']")
    assert chart.is_visible()
    assert chart.locator("rect.bar").count() == 12  # six categories, this year and last year
    assert int(phone.locator("[data-figure='trained-this-year']").inner_text()) > 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    screenshot(phone, "reports-dashboard-kk")

    phone.locator(".report-nav a[href='/reports/coverage/']").click()
    by_organisation = phone.locator("svg.chart[data-chart='coverage-organisations']")
    by_organisation.scroll_into_view_if_needed()
    assert by_organisation.is_visible()
    # The chart's accessible name is its title; every bar carries its figure.
    assert by_organisation.get_attribute("role") == "img"
    assert by_organisation.locator("title").first.text_content()
    assert by_organisation.locator("rect.bar").count() == 3  # two committees and the total
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    screenshot(phone, "reports-coverage-kk")

    with phone.expect_download() as download_info:
        phone.locator(".exports a[href*='export=xlsx']").click()
    download = download_info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    assert path.suffix == ".xlsx"
    workbook = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    organisations = [row[0] for row in rows[2:-2]]  # the last row before the total: the region itself
    assert organisations and all("Семей" in name or "Бесқарағай" in name or "Бескарагай" in name
                                 for name in organisations), organisations
    # The total row: the same number of people trained as the page's table.
    assert rows[-1][2] == int(phone.locator("#coverage-organisations tfoot td").nth(1).inner_text())


def test_a_member_rates_an_event_from_my_learning_on_a_phone(phone, live_server):
    call_command("seed_demo", stdout=StringIO())
    base = live_server.url
    log_in(phone, base, "member.ru@example.org")

    phone.goto(f"{base}/learning/")
    phone.locator(".pending-questionnaires a[href*='/reports/questionnaire/event/']").first.click()
    for name in ("overall", "usefulness", "trainer_rating", "materials"):
        phone.locator(f"input[name={name}][value='4']").check()
    phone.fill("textarea[name=comment]", "Полезно, хотелось бы больше практики.")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    screenshot(phone, "reports-questionnaire-ru")
    phone.locator("main form button[type=submit]").click()

    phone.wait_for_url(f"{base}/learning/")
    assert phone.locator(".messages .success").count() == 1
    assert phone.locator(".pending-questionnaires").count() == 0


def test_an_administrator_sees_the_mistakes_of_an_import_on_a_phone(phone, live_server):
    call_command("seed_demo", stdout=StringIO())
    base = live_server.url
    log_in(phone, base, "admin.abai@example.org")

    phone.goto(f"{base}/reports/members/import/")
    content = ("ФИО;Электронная почта;Организация;Категория\n"
               "Серікбаева Динара;dinara@example.org;99999;член профсоюза\n"
               "Оспанова Әсем;not-an-email;99999;активист\n").encode("cp1251", errors="replace")
    phone.set_input_files("input[type=file]", files=[
        {"name": "members.csv", "mimeType": "text/csv", "buffer": content},
    ])
    phone.locator("main form button[type=submit]").click()

    phone.wait_for_url("**/reports/members/import/*/")
    assert phone.locator("[data-status]").get_attribute("data-status") == "invalid"
    assert phone.locator(".errors-table tbody tr").count() == 3
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    screenshot(phone, "reports-import-mistakes-kk")


# Each report table: the page does not overflow; scrolled to its far right, its last column
# is inside the scroll box and every row name still stands at the box's left edge.
TABLES = """() => [...document.querySelectorAll(".report-card .table-scroll")].map((box) => {
  box.scrollLeft = box.scrollWidth;
  const edge = box.getBoundingClientRect();
  const last = box.querySelector("thead th:last-child").getBoundingClientRect();
  const names = [...box.querySelectorAll("tbody th, tfoot th")].map((th) => th.getBoundingClientRect());
  return {
    table: box.closest("section").id,
    scrolls: box.scrollWidth > box.clientWidth,
    lastReachable: last.right <= edge.right + 1 && last.left >= edge.left - 1,
    namesInView: names.every((name) => Math.abs(name.left - edge.left) <= 1 && name.right <= edge.right),
    namesWidth: Math.max(...names.map((name) => name.width)) / edge.width,
  };
})"""


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_column_of_the_coverage_and_course_reports_is_reachable_with_row_names_in_view(
    chromium, live_server, width, language
):
    call_command("seed_demo", stdout=StringIO())
    LearnerProfile.objects.filter(user__email="admin.abai@example.org").update(language=language)
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    page = context.new_page()
    base = live_server.url
    log_in(page, base, "admin.abai@example.org")

    for name, path in (("coverage", "/reports/coverage/"), ("courses", "/reports/courses/?year=")):
        page.goto(base + path)
        assert page.locator("html").get_attribute("lang") == language
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        tables = page.evaluate(TABLES)
        assert tables, name
        for table in tables:
            assert table["lastReachable"] and table["namesInView"], (name, table)
            if width < 500:
                assert table["namesWidth"] <= 0.5, (name, table)  # the numbers keep half the phone
        if width > 1000:  # a desktop: the page uses the screen, not the 60rem reading column
            assert page.locator("main").bounding_box()["width"] > 1200
        screenshot(page, f"reports-{name}-{width}-{language}")
    context.close()
