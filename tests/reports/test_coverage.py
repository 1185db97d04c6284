import datetime

import pytest
from django.core.exceptions import PermissionDenied

from lms.models import LearnerCategory as C
from lms.permissions import can_view_organisation
from reports.services.coverage import COLUMNS, coverage_report
from tests.lms.factories import UserFactory, administrator, course, member

from .factories import almaty, attend, attended_webinar, completed, enrolled, training_event

# Column order of the table: member, audit, activist, primary chair, conciliation, other.
assert COLUMNS == [C.MEMBER, C.AUDIT_COMMISSION, C.ACTIVIST, C.PRIMARY_CHAIR,
                   C.CONCILIATION_COMMISSION, "other"]


@pytest.fixture
def people(union, catalogue, a_webinar):
    """A district with two schools and known training in 2023-2025, plus people who must
    not be counted: another region, no organisation, unfinished or unattended training."""
    law, safety, audit = (course(catalogue, modules=1, lessons=1) for _ in range(3))
    seminar = training_event(union.district_a, datetime.date(2024, 3, 14))
    round_table = training_event(union.region_a, datetime.date(2024, 10, 2))
    old_seminar = training_event(union.district_a, datetime.date(2023, 12, 31))
    p = {}
    # School A
    p["m1"] = member(union.school_a, C.MEMBER)  # two courses in one year: once
    completed(p["m1"], law, almaty(2024, 2, 1))
    completed(p["m1"], safety, almaty(2024, 11, 5))
    p["m2"] = member(union.school_a, C.MEMBER)  # three forms in one year: once
    completed(p["m2"], audit, almaty(2024, 5, 5))
    attended_webinar(p["m2"], a_webinar, almaty(2024, 6, 1))
    attend(seminar, p["m2"])
    p["audit"] = member(union.school_a, C.AUDIT_COMMISSION)  # two events: once
    attend(seminar, p["audit"])
    attend(round_table, p["audit"])
    p["activist"] = member(union.school_a, C.ACTIVIST)  # trained in 2023 only
    completed(p["activist"], law, almaty(2023, 4, 4))
    attend(old_seminar, p["activist"])
    p["chair"] = member(union.school_a, C.PRIMARY_CHAIR)  # 31 Dec 20:00 UTC is 1 Jan in Almaty
    attended_webinar(p["chair"], a_webinar, datetime.datetime(2024, 12, 31, 20, 0, tzinfo=datetime.UTC))
    p["conciliation"] = member(union.school_a, C.CONCILIATION_COMMISSION)  # still 2023 in UTC
    completed(p["conciliation"], law, almaty(2024, 1, 1, 0, 30))
    p["accountant"] = member(union.school_a, C.ACCOUNTANT)  # an "other role"
    attend(round_table, p["accountant"])
    p["young"] = member(union.school_a, C.YOUNG_TEACHER)  # started, registered: not trained
    enrolled(p["young"], safety, almaty(2024, 3, 3))
    page = attended_webinar(p["young"], a_webinar, almaty(2024, 6, 1)).webinar
    page.registrations.filter(user=p["young"]).update(attended_at=None)
    # School A2
    p["m3"] = member(union.school_a2, C.MEMBER)
    attend(seminar, p["m3"])
    p["chair2"] = member(union.school_a2, C.PRIMARY_CHAIR)
    completed(p["chair2"], law, almaty(2024, 9, 9))
    attended_webinar(p["chair2"], a_webinar, almaty(2024, 9, 10))
    p["legal"] = member(union.school_a2, C.LEGAL_INSPECTOR)
    attended_webinar(p["legal"], a_webinar, almaty(2024, 7, 7))
    # Attached to the district committee itself
    p["district_chair"] = member(union.district_a, C.DISTRICT_CHAIR)
    attend(seminar, p["district_chair"])
    # Outside the district: another region, and an account with no organisation
    p["b"] = member(union.school_b, C.MEMBER)
    completed(p["b"], law, almaty(2024, 4, 4))
    p["nowhere"] = UserFactory()
    completed(p["nowhere"], law, almaty(2024, 4, 4))
    return p


def table(report):
    rows = [[row.label, row.members, *row.cells(), row.trained, row.percent]
            for row in report.by_organisation]
    total = report.total
    return rows, [total.label, total.members, *total.cells(), total.trained, total.percent]


def test_every_cell_of_the_district_coverage_table(union, people):
    report = coverage_report(administrator(union.region_a), union.district_a, 2024)

    rows, total = table(report)
    # organisation, members, member, audit, activist, chair, conciliation, other, trained, %
    assert rows == [
        [union.school_a.name, 100, 2, 1, 0, 0, 1, 1, 5, 5.0],
        [union.school_a2.name, 100, 1, 0, 0, 1, 0, 1, 3, 3.0],
        # People and members (8000 less the schools' 200) attached to the committee itself
        ["At the district committee itself", 7800, 0, 0, 0, 0, 0, 1, 1, 0.0],
    ]
    assert total == ["Total", 8000, 3, 1, 0, 1, 1, 3, 9, 0.1]
    assert [(row.label, row.cells(), row.trained) for row in report.by_year] == [
        ("2020", [0, 0, 0, 0, 0, 0], 0),
        ("2021", [0, 0, 0, 0, 0, 0], 0),
        ("2022", [0, 0, 0, 0, 0, 0], 0),
        ("2023", [0, 0, 1, 0, 0, 0], 1),  # the activist, by a course and an event: once
        ("2024", [3, 1, 0, 1, 1, 3], 9),
    ]


def test_the_next_year_holds_the_new_year_eve_webinar(union, people):
    report = coverage_report(administrator(union.region_a), union.district_a, 2025, years=2)

    rows, total = table(report)
    assert rows[0] == [union.school_a.name, 100, 0, 0, 0, 1, 0, 0, 1, 1.0]
    assert total[2:9] == [0, 0, 0, 1, 0, 0, 1]
    assert [row.trained for row in report.by_year] == [9, 1]


def test_the_region_and_the_union_add_up_their_subtrees(union, people):
    region = coverage_report(administrator(union.region_a), union.region_a, 2024)
    assert table(region) == (
        [[union.district_a.name, 8000, 3, 1, 0, 1, 1, 3, 9, 0.1],
         ["At the regional organisation itself", 12000, 0, 0, 0, 0, 0, 0, 0, 0.0]],
        ["Total", 20000, 3, 1, 0, 1, 1, 3, 9, 0.0],
    )

    root = coverage_report(UserFactory(is_superuser=True), union.root, 2024)
    rows, total = table(root)
    assert [(row[0], row[1], row[-2]) for row in rows] == [
        (union.region_a.name, 20000, 9), (union.region_b.name, 20000, 1),
        ("At the Central Committee itself", 560000, 0),
    ]
    assert total[2:9] == [4, 1, 0, 1, 1, 3, 10]


def test_a_category_filter_counts_that_category_only(union, people):
    report = coverage_report(administrator(union.region_a), union.district_a, 2024, category=C.MEMBER)

    assert [row.trained for row in report.by_organisation] == [2, 1, 0]
    assert report.total.cells() == [3, 0, 0, 0, 0, 0]


def test_a_school_has_one_row_its_own_that_is_its_total(union, people):
    report = coverage_report(administrator(union.region_a), union.school_a2, 2024)

    (own,) = report.by_organisation
    assert (own.label, own.members, own.cells()) == (union.school_a2.name, 100, [1, 0, 0, 1, 0, 1])
    assert report.total.cells() == [1, 0, 0, 1, 0, 1] and report.total.members == 100
    assert not report.lists_children


def test_an_administrator_cannot_report_on_another_region(union, people):
    with pytest.raises(PermissionDenied):
        coverage_report(administrator(union.region_b), union.district_a, 2024)
    with pytest.raises(PermissionDenied):
        coverage_report(member(union.school_a), union.school_a, 2024)


@pytest.mark.parametrize("extra_people", [0, 30])
def test_the_coverage_report_takes_two_queries_whatever_its_size(
    union, catalogue, a_webinar, extra_people, django_assert_num_queries
):
    page = course(catalogue, modules=1, lessons=1)
    event = training_event(union.district_a, datetime.date(2024, 5, 5))
    for number in range(extra_people):
        person = member([union.school_a, union.school_a2, union.district_b][number % 3],
                        list(C)[number % len(C)])
        completed(person, page, almaty(2020 + number % 5, 3, 3))
        attend(event, person)
        attended_webinar(person, a_webinar, almaty(2024, 1, 1 + number % 28))
    admin = administrator(union.root)
    assert can_view_organisation(admin, union.root)  # the request's permission look-ups, once

    with django_assert_num_queries(2):
        report = coverage_report(admin, union.root, 2024)

    assert report.total.trained == extra_people
