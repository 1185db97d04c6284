import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from content.models import WebinarRegistration
from lms.models import LearnerCategory as C
from lms.models import Tier, Topic
from motivation.models import PlanForm, PlanItem, TrainingPlan
from motivation.services.plans import plan_report
from reports.models import EventKind
from tests.lms.factories import course, member
from tests.reports.factories import attend, attended_webinar, completed, training_event

from .factories import almaty, past_webinar

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(almaty(2026, 6, 15), tick=False):
        yield


@pytest.fixture
def topic(db):
    return Topic.objects.create(slug="labour-law", name_ru="Трудовое право", name_kk="Еңбек құқығы")


@pytest.fixture
def plan(union, topic):
    plan = TrainingPlan.objects.create(
        organisation=union.district_a,
        year=2026,
        approved_by="Исполнительный комитет",
        approved_on=datetime.date(2026, 1, 21),
        decision="Постановление № 1",
    )
    for month, form, people in [
        (3, PlanForm.SEMINAR, 30),
        (3, PlanForm.ONLINE_COURSE, 10),
        (5, PlanForm.WEBINAR, 20),
        (5, PlanForm.TRAINING, 5),
        (7, PlanForm.ROUND_TABLE, 15),
    ]:
        PlanItem.objects.create(
            plan=plan,
            month=month,
            form=form,
            topic=topic,
            tier=Tier.DISTRICT_SCHOOL,
            planned_participants=people,
        )
    return plan


@pytest.fixture
def actual(union, catalogue, webinars):
    """Training recorded in 2026 in the district's subtree, and around it what must not count."""
    pages = [course(catalogue, modules=1, lessons=1) for _ in range(3)]
    a, a2, b = (member(union.school_a), member(union.school_a2, C.ACTIVIST), member(union.school_b))
    # Online courses: two in March (one at 01:00 on 1 March in Almaty, still February in UTC), one in April.
    completed(a, pages[0], datetime.datetime(2026, 2, 28, 20, 0, tzinfo=datetime.UTC))
    completed(a2, pages[0], almaty(2026, 3, 20))
    completed(a2, pages[1], almaty(2026, 4, 2))
    completed(b, pages[0], almaty(2026, 3, 20))  # another region
    completed(a, pages[2], almaty(2025, 3, 20))  # another year
    # Webinars: three attended in May; a registration without attendance; another region.
    spring = past_webinar(webinars, almaty(2026, 5, 12))
    for person in (a, a2, member(union.district_a)):
        attended_webinar(person, spring, almaty(2026, 5, 12))
    WebinarRegistration.objects.create(webinar=spring, user=member(union.school_a))
    attended_webinar(b, spring, almaty(2026, 5, 12))
    # In-person: the district's seminar in March (4 people), a school's training in May (2).
    attend(
        training_event(union.district_a, datetime.date(2026, 3, 14), kind=EventKind.SEMINAR),
        a,
        a2,
        member(union.school_a),
        member(union.school_a2),
    )
    attend(training_event(union.school_a, datetime.date(2026, 5, 20), kind=EventKind.TRAINING), a, a2)
    # Held by the region, above the district: the district's plan did not hold it.
    attend(training_event(union.region_a, datetime.date(2026, 3, 10)), a, a2, member(union.school_a))
    attend(training_event(union.district_a, datetime.date(2025, 3, 14)), a)  # last year
    attend(training_event(union.district_b, datetime.date(2026, 3, 14)), b)  # another region


def test_plan_against_actual_by_month(admin_a, plan, actual):
    report = plan_report(admin_a, plan)
    months = {number: (planned, done) for number, _name, planned, done in report.months()}
    assert months[3] == (40, 6)  # 2 online courses + 4 at the seminar
    assert months[4] == (0, 1)
    assert months[5] == (25, 5)  # 3 at the webinar + 2 at the training
    assert months[7] == (15, 0)
    assert sum(planned for planned, _done in months.values()) == 80 == report.total_planned
    assert sum(done for _planned, done in months.values()) == 12 == report.total_actual
    assert report.fulfilment == 15.0


def test_plan_against_actual_by_form(admin_a, plan, actual):
    forms = {
        value: (items, planned, held, done)
        for value, _label, items, planned, held, done in plan_report(admin_a, plan).forms()
    }
    assert forms == {
        PlanForm.ONLINE_COURSE: (1, 10, None, 3),
        PlanForm.WEBINAR: (1, 20, None, 3),
        PlanForm.SEMINAR: (1, 30, 1, 4),
        PlanForm.TRAINING: (1, 5, 1, 2),
        PlanForm.ROUND_TABLE: (1, 15, 0, 0),
    }


def test_the_plan_page_shows_approval_figures_and_tables(client, admin_a, plan, actual):
    client.force_login(admin_a)
    page = client.get(reverse("motivation:plan", args=[plan.pk])).content.decode()
    assert "Исполнительный комитет" in page and "21 января 2026" in page and "Постановление № 1" in page
    assert 'data-figure="planned">80<' in page and 'data-figure="actual">12<' in page
    assert 'data-chart="plan-months"' in page
    assert "<strong>Март</strong> · Семинар" in page  # the items, with their month

    workbook = load_workbook(
        io.BytesIO(client.get(reverse("motivation:plan", args=[plan.pk]), {"export": "xlsx"}).getvalue()),
        read_only=True,
    )
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    assert rows[-1][1:] == [80, 12, 0.15]  # the total row; 15 % as a percentage cell
    assert rows[4][1:3] == [40, 6]  # March: title, header, January, February, March


def test_another_regions_plan_and_forged_ids_are_not_found(client, admin_a, admin_b, plan, union, topic):
    item = plan.items.first()
    client.force_login(admin_b)
    for url in [
        reverse("motivation:plan", args=[plan.pk]),
        reverse("motivation:plan_edit", args=[plan.pk]),
        reverse("motivation:plan_item_create", args=[plan.pk]),
        reverse("motivation:plan_item_edit", args=[plan.pk, item.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("motivation:plan_item_delete", args=[plan.pk, item.pk])).status_code == 404
    assert PlanItem.objects.filter(pk=item.pk).exists()
    assert client.get(reverse("motivation:plans"), {"org": union.region_a.pk}).status_code == 404

    own = TrainingPlan.objects.create(organisation=union.region_b, year=2026)
    # An item of region A's plan through the address of region B's own plan: not found either.
    assert client.get(reverse("motivation:plan_item_edit", args=[own.pk, item.pk])).status_code == 404
    assert client.post(reverse("motivation:plan_item_delete", args=[own.pk, item.pk])).status_code == 404
    assert PlanItem.objects.filter(pk=item.pk).exists()


def test_an_administrator_writes_a_plan_and_its_items(client, admin_a, union, topic):
    client.force_login(admin_a)
    response = client.post(
        reverse("motivation:plan_create"),
        {"organisation": union.region_a.pk, "year": 2027, "approved_by": "Исполнительный комитет"},
    )
    assert response.status_code == 200 and "approved_on" in response.context["form"].errors  # both or neither
    response = client.post(
        reverse("motivation:plan_create"), {"organisation": union.region_a.pk, "year": 2027}
    )
    plan = TrainingPlan.objects.get(organisation=union.region_a, year=2027)
    assert response.url == reverse("motivation:plan", args=[plan.pk])
    assert plan.created_by == admin_a and not plan.is_approved

    again = client.post(reverse("motivation:plan_create"), {"organisation": union.region_a.pk, "year": 2027})
    assert again.status_code == 200 and TrainingPlan.objects.filter(year=2027).count() == 1
    elsewhere = client.post(
        reverse("motivation:plan_create"), {"organisation": union.region_b.pk, "year": 2027}
    )
    assert "organisation" in elsewhere.context["form"].errors

    client.post(
        reverse("motivation:plan_item_create", args=[plan.pk]),
        {
            "form": "webinar",
            "title": "Статус педагога",
            "topic": topic.pk,
            "tier": "regional",
            "audience": "",
            "month": 9,
            "planned_participants": 120,
        },
    )
    assert list(plan.items.values_list("form", "month", "planned_participants")) == [("webinar", 9, 120)]
    bad = client.post(
        reverse("motivation:plan_item_create", args=[plan.pk]),
        {"form": "webinar", "topic": topic.pk, "tier": "regional", "month": 13, "planned_participants": 0},
    )
    assert {"month", "planned_participants"} <= set(bad.context["form"].errors)

    client.post(
        reverse("motivation:plan_edit", args=[plan.pk]),
        {"approved_by": "Исполнительный комитет", "approved_on": "2027-01-20", "decision": "№ 2"},
    )
    plan.refresh_from_db()
    assert (plan.approved_on, plan.organisation, plan.year) == (
        datetime.date(2027, 1, 20),
        union.region_a,
        2027,
    )


def test_every_in_person_kind_of_the_reports_is_a_form_of_the_plan():
    assert set(EventKind.values) <= set(PlanForm.values)


@pytest.mark.parametrize("size", [1, 10])
def test_the_plan_page_runs_a_bounded_number_of_queries(
    client, admin_a, plan, union, catalogue, topic, size, django_assert_max_num_queries
):
    for number in range(size):
        PlanItem.objects.create(
            plan=plan, month=1 + number % 12, form=PlanForm.SEMINAR, topic=topic, planned_participants=10
        )
        person = member(union.school_a)
        completed(person, course(catalogue, modules=1, lessons=1), almaty(2026, 1 + number % 5, 3))
        attend(training_event(union.district_a, datetime.date(2026, 2, 1 + number)), person)
    client.force_login(admin_a)
    client.get(reverse("motivation:plan", args=[plan.pk]))
    with django_assert_max_num_queries(16):
        assert client.get(reverse("motivation:plan", args=[plan.pk])).status_code == 200
