"""Figures that reconcile: in a small union with people and members at every level (the
Central Committee, a region, a district committee as well as schools), every total of every
report table is the sum of its rows, a row for an organisation is that organisation's own
total, and the tables of one report count the same people."""

import datetime
from decimal import Decimal

import pytest

from lms import services as lms_services
from lms.models import LearnerCategory as C
from lms.models import OrganisationKind, Topic
from motivation.models import PlanForm, PlanItem, TrainingBudget, TrainingPlan
from motivation.services.budgets import budget_report
from motivation.services.plans import plan_report
from reports.services.courses import course_report
from reports.services.coverage import coverage_report
from reports.services.tables import percent
from tests.lms.factories import UserFactory, course, member

from .factories import almaty, attend, attended_webinar, completed, enrolled, training_event

YEARS = (2023, 2024)


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def trained(union, catalogue, a_webinar):
    """People trained in 2023 and 2024 at every level of the tree, in every category, by
    every form, some in both years; and a third school under region A's district, so that
    the district has three children."""
    school_a3 = lms_services.add_organisation(
        union.district_a, kind=OrganisationKind.PRIMARY_ORGANISATION, name_ru="Школа № 3",
        name_kk="№ 3 мектеп", member_count=250,
    )
    places = [union.root, union.region_a, union.district_a, union.school_a, union.school_a2, school_a3,
              union.region_b, union.district_b, union.school_b]
    pages = [course(catalogue, modules=1, lessons=1) for _ in range(3)]
    seminars = {year: training_event(union.district_a, datetime.date(year, 3, 3)) for year in YEARS}
    categories = list(C)
    for number in range(45):
        person = member(places[number % len(places)], categories[number % len(categories)])
        year = YEARS[number % 2]
        form = number % 4
        if form == 0:
            completed(person, pages[number % 3], almaty(year, 4, 1 + number % 20))
        elif form == 1:
            attend(seminars[year], person)
        elif form == 2:
            attended_webinar(person, a_webinar, almaty(year, 6, 1 + number % 20))
        else:  # an enrolment not finished: in the course report, not in coverage
            enrolled(person, pages[number % 3], almaty(year, 5, 5))
        if number % 5 == 0:  # trained in the other year too
            attend(seminars[YEARS[(number + 1) % 2]], person)
    return places


def assert_adds_up(table):
    """Every numeric column of the total is the sum of the rows; the share is the total's."""
    assert table.total, table.key
    for position, column in enumerate(table.columns):
        total = table.total[position]
        if column.kind in ("int", "number") and total is not None:
            assert total == sum(row[position] or 0 for row in table.rows), (table.key, column.label)


def coverage_reports(user, places, category=None):
    for organisation in places:
        for year in YEARS:
            yield coverage_report(user, organisation, year, category=category, years=2)


@pytest.mark.parametrize("category", [None, C.MEMBER, C.ACCOUNTANT])
def test_every_coverage_total_is_the_sum_of_its_rows(superuser, trained, category):
    for report in coverage_reports(superuser, trained, category):
        for table in report.tables():
            assert_adds_up(table)
            shares = [position for position, column in enumerate(table.columns) if column.kind == "percent"]
            trained_at, members_at = 2, 1
            for row in [*table.rows, table.total]:
                for position in shares:
                    assert row[position] == percent(row[trained_at], row[members_at]), (table.key, row)


def test_an_organisations_row_is_its_own_total(superuser, trained):
    for report in coverage_reports(superuser, trained):
        for row in report.by_organisation:
            if row.organisation is None or row.organisation == report.organisation:
                continue
            own = coverage_report(superuser, row.organisation, report.year, years=1)
            assert (row.members, row.counts) == (own.total.members, own.total.counts), row.label


def test_people_at_intermediate_levels_have_their_own_rows(superuser, trained, union):
    root = coverage_report(superuser, union.root, 2024)
    labels = [row.label for row in root.by_organisation]
    assert labels[-1] == "At the Central Committee itself"
    region = coverage_report(superuser, union.region_a, 2024)
    assert region.by_organisation[-1].label == "At the regional organisation itself"
    assert region.by_organisation[-1].trained > 0
    district = coverage_report(superuser, union.district_a, 2024)
    own = district.by_organisation[-1]
    assert (own.label, own.members) == ("At the district committee itself", 8000 - 100 - 100 - 250)


def test_the_total_of_a_childs_excess_members_is_their_sum(superuser, trained, union):
    union.district_a.member_count = 300  # its schools report 450 together
    union.district_a.save()

    report = coverage_report(superuser, union.district_a, 2024)

    assert report.total.members == 450 and report.children_report_more_members
    assert_adds_up(report.tables()[0])


def test_the_course_reports_tables_count_the_same_enrolments(superuser, trained):
    for organisation in trained:
        for year in (None, *YEARS):
            tables = course_report(superuser, organisation, year=year).tables()
            columns = [column.label for column in tables[0].columns]
            for position, label in enumerate(columns):
                if tables[0].columns[position].kind != "int" or "%" in label:
                    continue
                sums = {sum(row[position] or 0 for row in table.rows) for table in tables}
                assert len(sums) == 1, (organisation.name, year, label, sums)


def test_budget_and_plan_totals_are_the_sums_of_their_rows(superuser, trained, union):
    for number, organisation in enumerate(trained):
        TrainingBudget.objects.create(organisation=organisation, year=2024,
                                      expense_budget=Decimal(1_000_000 + number * 12_345),
                                      training_spend=Decimal(99_960 + number * 1_001))
    plan = TrainingPlan.objects.create(organisation=union.region_a, year=2024)
    topic = Topic.objects.create(slug="labour-law", name_ru="Трудовое право", name_kk="Еңбек құқығы")
    for month, form in [(3, PlanForm.SEMINAR), (4, PlanForm.ONLINE_COURSE), (6, PlanForm.WEBINAR)]:
        PlanItem.objects.create(plan=plan, form=form, topic=topic, month=month, planned_participants=7)

    for organisation in trained:
        for table in budget_report(superuser, organisation, 2024).tables():
            assert_adds_up(table)
    for table in plan_report(superuser, plan).tables():
        if table.total:
            assert_adds_up(table)
