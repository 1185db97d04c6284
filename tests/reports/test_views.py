import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from content.models import WebinarIndexPage
from lms.models import Enrolment
from lms.models import LearnerCategory as C
from lms.roles import Role
from reports.services.feedback import submit_course_feedback
from tests.content.factories import webinar, with_role
from tests.lms.factories import UserFactory, administrator, course, member

from .factories import almaty, attend, completed, training_event

THIS_YEAR = timezone.localdate().year


@pytest.fixture
def trained(union, catalogue):
    """People trained this year in both regions, with distinctive organisation names."""
    page = course(catalogue, modules=1, lessons=1, title="Трудовой кодекс")
    event = training_event(union.district_a, timezone.localdate())
    for school, category in [(union.school_a, C.MEMBER), (union.school_a2, C.ACTIVIST),
                             (union.school_b, C.MEMBER), (union.school_b, C.PRIMARY_CHAIR)]:
        person = member(school, category)
        completed(person, page, timezone.now() - datetime.timedelta(hours=1))
        if school != union.school_b:
            attend(event, person)
    return page


@pytest.fixture
def admin_a(union):
    return administrator(union.region_a)


@pytest.fixture
def admin_b(union):
    return administrator(union.region_b)


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(response.getvalue()), read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}


def csv_text(response):
    body = response.getvalue()
    assert body.startswith("\ufeff".encode())
    return body.decode("utf-8-sig")


# --- Who may open the reports ----------------------------------------------------------


@pytest.mark.parametrize("name", ["dashboard", "coverage", "courses", "feedback", "events", "member_imports"])
def test_reports_are_for_administrators_only(client, union, name):
    url = reverse(f"reports:{name}")
    assert client.get(url).status_code == 302  # to the login page

    client.force_login(member(union.school_a))
    assert client.get(url).status_code == 404

    client.force_login(administrator(union.region_a))
    assert client.get(url).status_code == 200


def test_the_dashboard_compares_this_year_with_last_year(client, union, trained, admin_a, catalogue):
    index = catalogue.get_parent().add_child(instance=WebinarIndexPage(title="Вебинары", slug="webinars"))
    soon = webinar(index, title="Коллективный договор", starts_in=datetime.timedelta(days=3))
    webinar(index, title="Прошедший вебинар", starts_in=-datetime.timedelta(days=3))
    last_year = member(union.school_a, C.AUDIT_COMMISSION)
    attend(training_event(union.region_a, datetime.date(THIS_YEAR - 1, 6, 1)), last_year)
    client.force_login(admin_a)

    response = client.get(reverse("reports:dashboard"))

    assert (response.context["current"].trained, response.context["last"].trained) == (2, 1)
    page = response.content.decode()
    assert 'data-figure="trained-this-year">2<' in page
    assert "<svg" in page and "coverage-categories-title" in page
    assert soon.title in page and "Прошедший вебинар" not in page


def test_the_dashboard_lists_courses_with_low_completion(client, union, catalogue, admin_a):
    low = course(catalogue, modules=1, lessons=1, title="Медиация")
    for number in range(6):
        person = member(union.school_a)
        if number < 2:
            completed(person, low, timezone.now())
        else:
            low.enrolments.create(user=person)
    client.force_login(admin_a)

    response = client.get(reverse("reports:dashboard"))

    low_courses = response.context["low_courses"]
    assert [(row.label, row.completion_rate) for row in low_courses] == [("Медиация", 33.3)]


# --- Coverage page and exports, and their scope ----------------------------------------


def test_the_coverage_page_shows_the_table_and_charts(client, union, trained, admin_a):
    client.force_login(admin_a)

    response = client.get(reverse("reports:coverage"), {"org": union.district_a.pk, "year": THIS_YEAR})

    assert response.status_code == 200
    page = response.content.decode()
    assert union.school_a.name in page and union.school_a2.name in page
    assert union.school_b.name not in page
    assert page.count('<svg class="chart"') == 2
    assert 'aria-labelledby="coverage-organisations-title coverage-organisations-desc"' in page


def test_the_xlsx_export_has_the_same_cells_as_the_report(client, union, trained, admin_a):
    client.force_login(admin_a)

    response = client.get(reverse("reports:coverage"), {"org": union.district_a.pk, "year": THIS_YEAR,
                                                        "export": "xlsx"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheets = xlsx_rows(response)
    first = next(iter(sheets.values()))
    # title, header, two schools, the committee itself, total: organisation, members,
    # trained, 6 categories, %
    # Shares are percentage cells: 1 % is 0.01.
    assert first[2] == [union.school_a.name, 100, 1, 1, 0, 0, 0, 0, 0, 0.01]
    assert first[3] == [union.school_a2.name, 100, 1, 0, 0, 1, 0, 0, 0, 0.01]
    assert first[4][:3] == ["At the district committee itself", 7800, 0]
    assert first[5][:3] == ["Total", 8000, 2]


def test_the_csv_export_uses_semicolons_and_a_byte_order_mark(client, union, trained, admin_a):
    admin_a.profile.language = "ru"
    admin_a.profile.save()
    client.force_login(admin_a)

    response = client.get(reverse("reports:coverage"), {"export": "csv", "year": THIS_YEAR})

    text = csv_text(response)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[2][:3] == [union.district_a.name, "8000", "2"]
    assert rows[2][-1] == "0,03"  # 2 of 8000 with a decimal comma, and places enough to show it
    assert union.region_b.name not in text


def test_the_csv_export_in_english_uses_commas_and_points(client, union, trained, admin_a):
    client.force_login(admin_a)

    response = client.get(reverse("reports:coverage"), {"export": "csv", "year": THIS_YEAR,
                                                        "org": union.district_a.pk})

    assert response.streaming  # written as it is read, however many rows
    rows = list(csv.reader(io.StringIO(csv_text(response))))
    assert rows[2] == [union.school_a.name, "100", "1", "1", "0", "0", "0", "0", "0", "1.0"]


def test_another_regions_administrator_cannot_see_filter_to_or_export_region_a(
    client, union, trained, admin_b
):
    client.force_login(admin_b)
    for name in ("coverage", "courses", "feedback"):
        url = reverse(f"reports:{name}")
        for org in (union.region_a, union.district_a, union.school_a, union.root):
            assert client.get(url, {"org": org.pk}).status_code == 404
            assert client.get(url, {"org": org.pk, "export": "xlsx"}).status_code == 404
            assert client.get(url, {"org": org.pk, "export": "csv"}).status_code == 404
        assert client.get(url, {"org": "12abc"}).status_code == 404

        own = client.get(url, {"export": "xlsx", "year": ""})
        cells = [str(cell) for sheet in xlsx_rows(own).values() for row in sheet for cell in row]
        assert not any("Абайская" in cell or "Школа № 1 (Абайская)" in cell for cell in cells)
        page = client.get(url).content.decode()
        assert union.region_a.name not in page and union.school_a.name not in page


def test_region_b_export_counts_only_region_b_people(client, union, trained, admin_b):
    client.force_login(admin_b)

    sheets = xlsx_rows(client.get(reverse("reports:coverage"), {"export": "xlsx", "year": THIS_YEAR}))

    first = next(iter(sheets.values()))
    assert first[2][:3] == [union.district_b.name, 8000, 2]
    assert first[3][:3] == ["At the regional organisation itself", 12000, 0]
    assert first[4][:3] == ["Total", 20000, 2]


def test_the_organisation_filter_lists_only_ones_own_subtree(client, union, admin_a):
    client.force_login(admin_a)

    form = client.get(reverse("reports:coverage")).context["form"]

    choices = {pk for pk, _label in form.fields["org"].widget.choices}
    assert choices == {union.region_a.pk, union.district_a.pk}


def test_a_superuser_sees_the_whole_union(client, union, trained):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(reverse("reports:coverage"), {"year": THIS_YEAR})

    assert response.context["report"].total.trained == 4


# --- Courses and feedback pages --------------------------------------------------------


def test_the_course_report_page_and_its_exports(client, union, trained, admin_a):
    client.force_login(admin_a)
    url = reverse("reports:courses")

    page = client.get(url, {"year": THIS_YEAR}).content.decode()
    assert "Трудовой кодекс" in page and '<svg class="chart"' in page

    sheets = xlsx_rows(client.get(url, {"year": THIS_YEAR, "export": "xlsx"}))
    by_course = next(iter(sheets.values()))
    assert by_course[2][:5] == ["Трудовой кодекс", 2, 0, 2, 1]  # 100 % as a percentage cell
    assert len(sheets) == 3
    rows = list(csv.reader(io.StringIO(csv_text(client.get(url, {"export": "csv"})))))
    assert rows[2][:4] == ["Трудовой кодекс", "2", "0", "2"]


def test_the_feedback_page_and_its_export(client, union, trained, admin_a, settings):
    settings.REPORTS_MIN_GROUP = 1  # two answers; tests/reports/test_privacy.py hides small groups
    for enrolment in Enrolment.objects.filter(course=trained):
        submit_course_feedback(enrolment, overall=4, usefulness=5, trainer_rating=3, materials=4,
                               comment=f"Полезно: {enrolment.user.profile.organisation.name}")
    client.force_login(admin_a)
    url = reverse("reports:feedback")

    page = client.get(url).content.decode()
    assert "Трудовой кодекс" in page and "Полезно: Школа № 1 (Абайская)" in page
    assert "Полезно: Школа № 1 (Костанайская)" not in page
    sheets = xlsx_rows(client.get(url, {"export": "xlsx"}))
    by_course = next(iter(sheets.values()))
    assert by_course[2][:6] == ["Трудовой кодекс", 2, 4, 5, 3, 4]


def test_an_unknown_export_kind_is_not_found(client, union, admin_a):
    client.force_login(admin_a)
    assert client.get(reverse("reports:coverage"), {"export": "pdf"}).status_code == 404


# --- Query budgets ---------------------------------------------------------------------


@pytest.mark.parametrize("people", [2, 24])
def test_report_pages_and_exports_run_a_bounded_number_of_queries(
    client, union, catalogue, admin_a, people, django_assert_max_num_queries
):
    pages = [course(catalogue, modules=1, lessons=1) for _ in range(1 + people // 8)]
    for number in range(people):
        person = member([union.school_a, union.school_a2][number % 2], list(C)[number % len(C)])
        enrolment = completed(person, pages[number % len(pages)], almaty(THIS_YEAR, 1, 1 + number % 28))
        submit_course_feedback(enrolment, overall=5, usefulness=4, trainer_rating=4, materials=3)
        attend(training_event(union.district_a, datetime.date(THIS_YEAR, 1, 2)), person)
    client.force_login(admin_a)

    # Session, user, permissions and profile take five; the reports' own queries are fixed.
    budgets = {"dashboard": 13, "coverage": 11, "courses": 21, "feedback": 16, "events": 8}
    for name, budget in budgets.items():
        for params in ({"org": union.district_a.pk}, {"export": "xlsx"}, {"export": "csv", "year": ""}):
            with django_assert_max_num_queries(budget):
                response = client.get(reverse(f"reports:{name}"), params)
                response.getvalue()  # a streamed export reads as it is sent
                assert response.status_code == 200, (name, params)


def test_the_wagtail_admin_menu_links_the_reports_for_administrators_only(client, union, admin_a):
    client.force_login(admin_a)
    assert '"url": "/reports/"' in client.get("/admin/").content.decode()  # the sidebar's JSON

    client.force_login(with_role(Role.TRAINER))
    assert '"url": "/reports/"' not in client.get("/admin/").content.decode()


# --- Charts beside their tables, figures in the page's language ------------------------


@pytest.mark.parametrize("name", ["dashboard", "coverage", "courses", "feedback"])
def test_every_chart_has_its_numbers_in_a_table_beside_it(client, union, trained, admin_a, settings, name):
    settings.REPORTS_MIN_GROUP = 1  # the feedback chart shows two answers
    for enrolment in Enrolment.objects.filter(course=trained):
        submit_course_feedback(enrolment, overall=4, usefulness=5, trainer_rating=3, materials=4)
    client.force_login(admin_a)

    page = client.get(reverse(f"reports:{name}"), {"year": THIS_YEAR} if name != "dashboard" else {})

    html = page.content.decode()
    before, *charts = html.split('<svg class="chart"')
    assert charts
    for chart in charts:  # each chart is in a chart-and-table block whose table follows it
        assert before.rfind('<div class="chart-and-table with-chart') > before.rfind("</table>")
        assert '<table class="report-table"' in chart.split("</figure>", 1)[1].split('<svg class="chart"')[0]
        before = chart


def test_the_years_table_has_a_five_year_total_and_figures_are_grouped(client, union, trained, admin_a):
    admin_a.profile.language = "ru"
    admin_a.profile.save()
    client.force_login(admin_a)

    response = client.get(reverse("reports:coverage"), {"year": THIS_YEAR})

    years = next(table for table in response.context["tables"] if table.key == "coverage-years")
    assert f"{THIS_YEAR - 4}–{THIS_YEAR}" in years.total[0] and years.total[2] == 2
    assert [row[0] for row in years.rows] == list(range(THIS_YEAR - 4, THIS_YEAR + 1))
    page = response.content.decode()
    assert "<td class=\"num\">20\xa0000</td>" in page  # the region's members, grouped
    assert f">{THIS_YEAR}<" in page  # a year is not grouped
