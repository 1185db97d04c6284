"""The printable summary of a school's training over a period and its XLSX."""

import datetime
import io

import pytest
from django.urls import include, path
from openpyxl import load_workbook

from lms.models import LearnerCategory
from motivation.services.leading_summary import summary, summary_tables
from motivation.views.leading_summary import summary_page
from tests.lms.factories import administrator, course, member
from tests.reports.factories import almaty, attend, attended_webinar, completed, training_event, webinar_page

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

# The page under a test address, beside the site's own (the lead adds it to motivation/urls.py).
SUMMARY = "/test-organisation-summary/"
urlpatterns = [path(SUMMARY.strip("/") + "/", summary_page), path("", include("lms.urls"))]

FEB, MAR = datetime.date(2026, 2, 1), datetime.date(2026, 3, 31)


@pytest.fixture
def school(union, catalogue, webinars):
    """School A's chair and three members: Ann completed two courses in February (one at
    23:30 Almaty time on the last day of March), Bota attended a webinar in February and a
    course in May, Dana a seminar on 31 March and one on 1 April."""
    organisation = union.school_a
    organisation.member_count = 120
    organisation.save()
    chair = member(organisation, category=LearnerCategory.PRIMARY_CHAIR, last_name="Chair")
    ann = member(organisation, last_name="Ann")
    bota = member(organisation, last_name="Bota", category=LearnerCategory.YOUNG_TEACHER)
    dana = member(organisation, last_name="Dana")
    law = course(catalogue, title="Labour law", modules=1, lessons=1)
    talks = course(catalogue, title="Collective bargaining", modules=1, lessons=1)
    completed(ann, law, almaty(2026, 2, 10))
    completed(ann, talks, almaty(2026, 3, 31, 23, 30))
    attended_webinar(bota, webinar_page(webinars, almaty(2026, 2, 20)), almaty(2026, 2, 20))
    completed(bota, talks, almaty(2026, 5, 5))
    attend(training_event(organisation, MAR, title="School of activists"), dana)
    attend(training_event(organisation, datetime.date(2026, 4, 1), title="April seminar"), dana)
    return organisation, chair


def test_the_summary_counts_what_fell_in_the_period(school):
    organisation, chair = school

    result = summary(chair, organisation, FEB, MAR)

    assert [(row.member.last_name, row.courses, row.webinars, row.seminars) for row in result.rows] == [
        ("Ann", ["Labour law", "Collective bargaining"], [], []),
        ("Bota", [], [result.rows[1].webinars[0]], []),
        ("Dana", [], [], ["School of activists"]),
    ]
    assert result.line.trained == 3
    assert result.line.counts == {LearnerCategory.MEMBER: 2, "other": 1}  # young teachers: "Other roles"
    assert result.line.percent == 2.5  # of the 120 members the school declares
    assert (result.registered, result.untrained) == (4, 1)  # the chair trained in no form

    april = summary(chair, organisation, datetime.date(2026, 4, 1), datetime.date(2026, 5, 31))
    assert [(row.member.last_name, len(row.courses), len(row.seminars)) for row in april.rows] == [
        ("Bota", 1, 0), ("Dana", 0, 1)]


def test_the_xlsx_has_numbers_as_numbers(client, school):
    organisation, chair = school
    client.force_login(chair)

    response = client.get(SUMMARY, {"from": "2026-02-01", "to": "2026-03-31", "export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="organisation-{organisation.pk}-20260201-20260331.xlsx"')
    coverage, members = load_workbook(io.BytesIO(response.getvalue())).worksheets
    line = [cell.value for cell in coverage[3]]
    assert line[0] == organisation.name
    assert line[1:3] == [120, 3]
    assert all(isinstance(value, int) for value in line[1:-1])
    assert line[-1] == 0.025  # 2.5 % as a percentage cell
    rows = [[cell.value for cell in row] for row in members.iter_rows(min_row=3)]
    assert [(row[0].split()[-1], row[2], row[3], row[4], row[6], row[7]) for row in rows] == [
        ("Ann", 2, "Labour law; Collective bargaining", 0, 0, None),
        ("Bota", 0, None, 1, 0, None),
        ("Dana", 0, None, 0, 1, "School of activists"),
    ]


def test_the_tables_match_the_summary(school):
    organisation, chair = school
    coverage, members = summary_tables(summary(chair, organisation, FEB, MAR))
    assert [column.kind for column in coverage.columns][-1] == "percent"
    assert coverage.rows[0][1:3] == [120, 3]
    assert len(members.rows) == 3


def test_a_chair_sees_her_own_school_by_default(client, school):
    organisation, chair = school
    client.force_login(chair)

    response = client.get(SUMMARY, {"from": "2026-02-01", "to": "2026-03-31"})

    assert response.status_code == 200
    assert response.context["summary"].organisation == organisation
    assert "Labour law" in response.content.decode()


def test_bad_dates_fall_back_to_this_year(client, school):
    _organisation, chair = school
    client.force_login(chair)

    response = client.get(SUMMARY, {"from": "yesterday", "to": "2026-13-45"})

    result = response.context["summary"]
    assert (result.first_day.month, result.first_day.day) == (1, 1)
    assert result.last_day == datetime.date.today() or result.last_day.year == result.first_day.year


def test_an_administrator_above_may_open_it(client, union, school):
    organisation, _chair = school
    client.force_login(administrator(union.region_a))

    assert client.get(SUMMARY, {"org": organisation.pk}).status_code == 200
    # Only a primary organisation has this page.
    assert client.get(SUMMARY, {"org": union.district_a.pk}).status_code == 404


@pytest.mark.parametrize("who", ["other chair", "member", "administrator of region B"])
def test_others_are_told_it_does_not_exist(client, union, school, who):
    organisation, _chair = school
    user = {
        "other chair": lambda: member(union.school_b, category=LearnerCategory.PRIMARY_CHAIR),
        "member": lambda: member(organisation),
        "administrator of region B": lambda: administrator(union.region_b),
    }[who]()
    client.force_login(user)

    assert client.get(SUMMARY, {"org": organisation.pk}).status_code == 404
    assert client.get(SUMMARY, {"org": organisation.pk, "export": "xlsx"}).status_code == 404
    if who != "other chair":
        assert client.get(SUMMARY).status_code == 404  # no school of her own to lead


def test_anonymous_visitors_are_sent_to_log_in(client, school):
    assert client.get(SUMMARY).status_code == 302


@pytest.mark.parametrize("language, headers", [
    ("kk", ["Кәсіподақ мүшелері", "Оқудан өткендер", "Мүшелер санынан %", "Ұйым"]),
    ("ru", ["Члены профсоюза", "Обучено", "% от числа членов", "Организация"]),
])
def test_the_printed_page_is_in_the_chairs_language(client, school, language, headers):
    _organisation, chair = school
    chair.profile.language = language
    chair.profile.save()
    client.force_login(chair)

    page = client.get(SUMMARY, {"from": "2026-02-01", "to": "2026-03-31"}).content.decode()

    for header in headers:
        assert f">{header}</th>" in page
    assert "Members</th>" not in page
