import datetime

import pytest
import time_machine
from django.urls import reverse

from lms.models import LearnerCategory as C
from lms.models import Topic
from motivation.models import NeedsSurvey, PreferredFormat, PreferredTime, SurveyResponse, TrainingPlan
from motivation.services import surveys
from tests.lms.factories import member

from .factories import almaty

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 4, 10)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(almaty(2026, 4, 10, 10), tick=False):
        yield


@pytest.fixture
def topics(db):
    return {
        slug: Topic.objects.create(slug=slug, name_ru=ru, name_kk=kk)
        for slug, ru, kk in [
            ("labour-law", "Трудовое право", "Еңбек құқығы"),
            ("safety", "Охрана труда", "Еңбекті қорғау"),
            ("mediation", "Медиация", "Медиация"),
            ("digital", "Цифровизация", "Цифрландыру"),
        ]
    }


@pytest.fixture
def survey(union, topics, admin_a):
    survey = NeedsSurvey.objects.create(
        organisation=union.district_a,
        title="Обучение в 2027 году",
        opens_on=TODAY - datetime.timedelta(days=3),
        closes_on=TODAY + datetime.timedelta(days=20),
        created_by=admin_a,
    )
    survey.topics.set([topics["labour-law"], topics["safety"], topics["mediation"]])
    return survey


def reply(user, survey, *slugs, fmt=PreferredFormat.ONLINE_COURSE, time=PreferredTime.EVENINGS, comment=""):
    chosen = list(Topic.objects.filter(slug__in=slugs))
    return surveys.answer(
        user, survey, topics=chosen, preferred_format=fmt, preferred_time=time, comment=comment
    )


# --- Members answer once -------------------------------------------------------------------


def test_members_of_the_subtree_see_the_open_survey_on_their_page(client, union, survey):
    client.force_login(member(union.school_a))
    page = client.get(reverse("motivation:achievements")).content.decode()
    assert "Обучение в 2027 году" in page and reverse("motivation:survey", args=[survey.pk]) in page

    client.force_login(member(union.school_b))
    assert "Обучение в 2027 году" not in client.get(reverse("motivation:achievements")).content.decode()
    assert client.get(reverse("motivation:survey", args=[survey.pk])).status_code == 404
    client.force_login(member(union.region_a))  # above the survey's organisation: not addressed
    assert client.get(reverse("motivation:survey", args=[survey.pk])).status_code == 404


def test_a_member_answers_once(client, union, survey, topics):
    person = member(union.school_a2, C.ACTIVIST)
    client.force_login(person)
    url = reverse("motivation:survey", args=[survey.pk])
    form = {
        "topics": [topics["labour-law"].pk, topics["mediation"].pk],
        "preferred_format": "webinar",
        "preferred_time": "holidays",
        "comment": "Больше практики",
    }
    assert client.post(url, form).status_code == 302
    answer = SurveyResponse.objects.get(survey=survey, user=person)
    assert (answer.category, answer.organisation, answer.preferred_format) == (
        C.ACTIVIST,
        union.school_a2,
        "webinar",
    )
    assert set(answer.topics.values_list("slug", flat=True)) == {"labour-law", "mediation"}

    response = client.post(url, {**form, "preferred_format": "in_person"})
    assert response.status_code == 200
    assert "Вы уже ответили" in response.content.decode() or "already answered" in response.content.decode()
    assert SurveyResponse.objects.filter(survey=survey, user=person).count() == 1
    assert "Обучение в 2027 году" not in client.get(reverse("motivation:achievements")).content.decode()


def test_a_second_answer_is_refused_by_the_service_too(union, survey):
    person = member(union.school_a)
    reply(person, survey, "labour-law")
    with pytest.raises(surveys.SurveyRefused):
        reply(person, survey, "safety")
    assert SurveyResponse.objects.count() == 1


def test_topics_the_survey_does_not_offer_are_refused(union, survey):
    with pytest.raises(surveys.SurveyRefused):
        reply(member(union.school_a), survey, "digital")
    with pytest.raises(surveys.SurveyRefused):
        reply(member(union.school_a), survey)


def test_a_closed_survey_takes_no_answer(client, union, survey, topics):
    NeedsSurvey.objects.filter(pk=survey.pk).update(closes_on=TODAY - datetime.timedelta(days=1))
    person = member(union.school_a)
    client.force_login(person)
    response = client.post(
        reverse("motivation:survey", args=[survey.pk]),
        {"topics": [topics["safety"].pk], "preferred_format": "webinar", "preferred_time": "evenings"},
    )
    assert response.status_code == 200
    assert not SurveyResponse.objects.exists()
    survey.refresh_from_db()
    with pytest.raises(surveys.SurveyRefused):
        reply(person, survey, "safety")


# --- Results -------------------------------------------------------------------------------


@pytest.fixture
def answered(union, survey):
    reply(member(union.school_a, C.MEMBER), survey, "labour-law", "safety", fmt=PreferredFormat.WEBINAR)
    reply(member(union.school_a, C.MEMBER), survey, "labour-law", time=PreferredTime.WEEKENDS)
    reply(
        member(union.school_a2, C.ACTIVIST),
        survey,
        "labour-law",
        "mediation",
        fmt=PreferredFormat.WEBINAR,
        comment="Медиация на казахском языке",
    )
    chair = member(union.school_a2, C.PRIMARY_CHAIR)
    reply(chair, survey, "mediation", fmt=PreferredFormat.IN_PERSON, time=PreferredTime.HOLIDAYS)
    chair.profile.category = C.MEMBER  # a later change of role leaves the answer where it was
    chair.profile.save()
    return survey


def test_results_are_counted_per_topic_and_category(
    admin_a, answered, django_assert_max_num_queries, settings
):
    settings.REPORTS_MIN_GROUP = 1  # four answers; tests/reports/test_privacy.py hides small groups
    surveys.survey_results(admin_a, answered)  # the administrator's permissions are cached on the user
    with django_assert_max_num_queries(4):
        results = surveys.survey_results(admin_a, answered)
    assert results.respondents == 4
    assert results.categories == [C.MEMBER, C.ACTIVIST, C.PRIMARY_CHAIR]
    assert results.by_topic == [
        ("Трудовое право", 3, {C.MEMBER: 2, C.ACTIVIST: 1}),
        ("Медиация", 2, {C.ACTIVIST: 1, C.PRIMARY_CHAIR: 1}),
        ("Охрана труда", 1, {C.MEMBER: 1}),
    ]
    formats = {label: (count, share) for label, count, share in results.formats}
    assert formats[PreferredFormat.WEBINAR.label] == (2, 50.0)
    assert formats[PreferredFormat.BLENDED.label] == (0, 0.0)
    times = {label: count for label, count, _share in results.times}
    assert times[PreferredTime.EVENINGS.label] == 2
    assert results.comments == ["Медиация на казахском языке"]
    topic_table = results.tables()[0]
    assert topic_table.rows[0] == ["Трудовое право", 3, 2, 1, 0]


def test_results_are_for_the_administrators_of_the_subtree(client, admin_a, admin_b, answered, settings):
    settings.REPORTS_MIN_GROUP = 1  # four answers; tests/reports/test_privacy.py hides small groups
    url = reverse("motivation:survey_results", args=[answered.pk])
    client.force_login(admin_b)
    assert client.get(url).status_code == 404
    assert client.get(url, {"export": "csv"}).status_code == 404
    client.force_login(member(answered.organisation))
    assert client.get(url).status_code == 404
    client.force_login(admin_a)
    response = client.get(url)
    assert response.status_code == 200 and "Трудовое право" in response.content.decode()
    export = client.get(url, {"export": "csv"}).getvalue().decode("utf-8-sig")
    assert "Трудовое право;3;2;1;0" in export


def test_an_administrator_sends_a_survey_to_their_subtree_only(client, union, admin_a, topics):
    client.force_login(admin_a)
    form = {
        "organisation": union.district_a.pk,
        "title": "Анкета",
        "topics": [topics["safety"].pk],
        "opens_on": "2026-04-10",
        "closes_on": "2026-05-10",
    }
    assert client.post(reverse("motivation:survey_create"), form).status_code == 302
    assert NeedsSurvey.objects.get(title="Анкета").organisation == union.district_a

    response = client.post(
        reverse("motivation:survey_create"), {**form, "organisation": union.region_b.pk, "title": "Чужая"}
    )
    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    assert client.get(reverse("motivation:survey_create"), {"org": union.region_b.pk}).status_code == 404
    response = client.post(reverse("motivation:survey_create"), {**form, "closes_on": "2026-04-01"})
    assert "closes_on" in response.context["form"].errors
    assert not NeedsSurvey.objects.filter(title="Чужая").exists()


def test_the_plan_page_shows_the_topics_members_asked_for(client, union, admin_a, answered, settings):
    settings.REPORTS_MIN_GROUP = 1  # four answers; tests/reports/test_privacy.py hides small groups
    plan = TrainingPlan.objects.create(organisation=union.region_a, year=2026)
    assert [(topic.name, topic.wanted) for topic in surveys.wanted_topics(union.region_a, 2026)] == [
        ("Трудовое право", 3),
        ("Медиация", 2),
        ("Охрана труда", 1),
    ]
    assert surveys.wanted_topics(union.region_b, 2026) == []
    assert surveys.wanted_topics(union.region_a, 2028) == []  # answers of 2026 hint plans of 2026 and 2027
    client.force_login(admin_a)
    page = client.get(reverse("motivation:plan", args=[plan.pk])).content.decode()
    labour_law = Topic.objects.get(slug="labour-law")
    assert f"{reverse('motivation:plan_item_create', args=[plan.pk])}?topic={labour_law.pk}" in page
