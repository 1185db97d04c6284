import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse

from lms.models import Topic, User
from motivation.models import (
    Award,
    BadgeRule,
    Mentorship,
    NeedsSurvey,
    PlanItem,
    SurveyResponse,
    TrainingBudget,
    TrainingPlan,
)
from tests.lms.factories import UserFactory, member

from .factories import mentorship

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "plans",
    "plan_create",
    "budgets",
    "surveys",
    "survey_create",
    "mentorships",
    "mentorship_create",
]


@pytest.fixture
def region_a_objects(union):
    topic = Topic.objects.create(slug="law", name_ru="Право", name_kk="Құқық")
    plan = TrainingPlan.objects.create(organisation=union.region_a, year=2026)
    item = PlanItem.objects.create(plan=plan, form="seminar", topic=topic, month=3, planned_participants=10)
    survey = NeedsSurvey.objects.create(
        organisation=union.district_a, title="Анкета", closes_on=datetime.date(2030, 1, 1)
    )
    survey.topics.set([topic])
    pairing = mentorship(member(union.school_a), member(union.school_a2))
    return {"plan": plan, "item": item, "survey": survey, "pairing": pairing}


def object_urls(objects, union):
    plan, item = objects["plan"], objects["item"]
    return [
        reverse("motivation:plan", args=[plan.pk]),
        reverse("motivation:plan", args=[plan.pk]) + "?export=csv",
        reverse("motivation:plan_edit", args=[plan.pk]),
        reverse("motivation:plan_item_create", args=[plan.pk]),
        reverse("motivation:plan_item_edit", args=[plan.pk, item.pk]),
        reverse("motivation:survey_results", args=[objects["survey"].pk]),
        reverse("motivation:budget_edit", args=[union.school_a.pk, 2026]),
        reverse("motivation:budgets") + f"?org={union.district_a.pk}",
        reverse("motivation:plans") + f"?org={union.district_a.pk}",
        reverse("motivation:surveys") + f"?org={union.district_a.pk}",
        reverse("motivation:mentorships") + f"?org={union.district_a.pk}",
        reverse("motivation:leaderboard") + f"?org={union.district_a.pk}",
    ]


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_the_administrators_pages_are_for_administrators_only(client, union, name):
    url = reverse(f"motivation:{name}")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(member(union.school_a))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())  # no profile organisation, no role
    assert client.get(url).status_code == 404


def test_region_a_sees_its_own_and_region_b_sees_none_of_it(
    client, union, admin_a, admin_b, region_a_objects
):
    urls = object_urls(region_a_objects, union)
    client.force_login(admin_a)
    for url in urls:
        assert client.get(url).status_code == 200, url
    client.force_login(admin_b)
    for url in urls:
        assert client.get(url).status_code == 404, url
    for name in ADMIN_PAGES:
        assert client.get(reverse(f"motivation:{name}")).status_code == 200
    pages = "".join(client.get(reverse(f"motivation:{name}")).content.decode() for name in ADMIN_PAGES)
    assert union.region_a.name_ru not in pages and "Анкета" not in pages


def test_forged_numbers_are_not_found(client, admin_a):
    client.force_login(admin_a)
    for url in [
        reverse("motivation:plan", args=[999999]),
        reverse("motivation:survey_results", args=[999999]),
        reverse("motivation:plans") + "?org=abc",
        reverse("motivation:budgets") + "?org=999999",
        reverse("motivation:survey", args=[999999]),
        reverse("motivation:mentee", args=[999999]),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("motivation:mentorship_end", args=[999999])).status_code == 404


def test_an_administrator_without_the_model_permission_is_turned_away(client, union, admin_a):
    admin_a.user_permissions.clear()
    for group in admin_a.groups.all():
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="motivation", codename__in=["view_trainingplan", "add_trainingplan"]
            )
        )
    client.force_login(User.objects.get(pk=admin_a.pk))
    assert client.get(reverse("motivation:plans")).status_code == 404
    assert client.get(reverse("motivation:budgets")).status_code == 200


def test_the_site_pages_carry_no_inline_script_style_or_handler(client, union, admin_a, region_a_objects):
    pages = []
    client.force_login(admin_a)
    for url in object_urls(region_a_objects, union) + [reverse(f"motivation:{name}") for name in ADMIN_PAGES]:
        if "export" not in url:
            pages.append(client.get(url).content.decode())
    person = region_a_objects["pairing"].mentee
    client.force_login(person)
    pages += [
        client.get(reverse("motivation:achievements")).content.decode(),
        client.get(reverse("motivation:survey", args=[region_a_objects["survey"].pk])).content.decode(),
    ]
    client.force_login(region_a_objects["pairing"].mentor)
    pages += [
        client.get(reverse("motivation:mentees")).content.decode(),
        client.get(reverse("motivation:mentee", args=[region_a_objects["pairing"].pk])).content.decode(),
    ]
    for page in pages:
        assert not re.search(r"\sstyle=", page)
        assert not re.search(r"\son[a-z]+=", page)
        assert not re.search(r"<script(?![^>]*\ssrc=)", page)


def test_my_learning_links_to_the_achievements(client, union):
    client.force_login(member(union.school_a))
    assert reverse("motivation:achievements") in client.get(reverse("lms:dashboard")).content.decode()


def test_the_demo_data_is_made_once(db):
    call_command("seed_demo", stdout=StringIO())
    counts = [
        model.objects.count()
        for model in (
            BadgeRule,
            Award,
            Mentorship,
            NeedsSurvey,
            SurveyResponse,
            TrainingPlan,
            PlanItem,
            TrainingBudget,
        )
    ]
    assert counts[0] == 5 and all(counts[2:])
    assert Award.objects.filter(user__email="member.ru@example.org").exists()  # her finished course
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Demo motivation: 5 badge rules (0 new awards)" in out.getvalue()
    assert [
        model.objects.count()
        for model in (
            BadgeRule,
            Award,
            Mentorship,
            NeedsSurvey,
            SurveyResponse,
            TrainingPlan,
            PlanItem,
            TrainingBudget,
        )
    ] == counts
