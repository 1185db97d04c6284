"""Demo data for ``manage.py seed_demo``: the five kinds of badge rules in Russian and
Kazakh (and the badges the demo members have earned), a mentor for the Kazakh-speaking
member, a needs survey of the Abai region with answers, the Abai region's approved plan
for this year, and training budgets. Runs after the reports demo, whose participants answer
the survey. Running it again changes nothing."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lms.models import LearnerCategory, LearnerProfile, Organisation, Tier, Topic, User
from motivation.models import (
    BadgeRule,
    Mentorship,
    NeedsSurvey,
    PlanForm,
    PlanItem,
    PreferredFormat,
    PreferredTime,
    RuleKind,
    SurveyResponse,
    TrainingBudget,
    TrainingPlan,
)
from motivation.services.badges import award_badges

RULES = [  # (kind, threshold, points, name ru, name kk, description ru, description kk)
    (
        RuleKind.FIRST_COURSE,
        None,
        20,
        "Первый шаг",
        "Алғашқы қадам",
        "Завершён первый онлайн-курс.",
        "Алғашқы онлайн-курс аяқталды.",
    ),
    (
        RuleKind.PATH_FINISHED,
        None,
        50,
        "Маршрут пройден",
        "Оқу бағыты өтілді",
        "Завершены все курсы учебного маршрута.",
        "Оқу бағытының барлық курстары аяқталды.",
    ),
    (
        RuleKind.COURSES_IN_YEAR,
        5,
        50,
        "Пять курсов за год",
        "Бір жылда бес курс",
        "Пять онлайн-курсов, завершённых за один календарный год.",
        "Бір күнтізбелік жылда аяқталған бес онлайн-курс.",
    ),
    (
        RuleKind.TOP_POST_TEST,
        100,
        30,
        "Отличник",
        "Үздік",
        "Итоговый тест курса сдан на 100%.",
        "Курстың қорытынды тесті 100%-ға тапсырылды.",
    ),
    (
        RuleKind.WEBINAR_SERIES,
        3,
        30,
        "Участник вебинаров",
        "Вебинарлар қатысушысы",
        "Посещены три вебинара профсоюза.",
        "Кәсіподақтың үш вебинарына қатысты.",
    ),
]

# (email, topic slugs, format, time, comment)
ANSWERS = [
    (
        "abai.participant1@example.org",
        ["labour-law", "status-of-teacher"],
        PreferredFormat.ONLINE_COURSE,
        PreferredTime.EVENINGS,
        "Больше примеров по нагрузке педагога.",
    ),
    (
        "abai.participant2@example.org",
        ["audit-and-finance"],
        PreferredFormat.IN_PERSON,
        PreferredTime.HOLIDAYS,
        "",
    ),
    (
        "abai.participant3@example.org",
        ["collective-bargaining", "labour-law"],
        PreferredFormat.WEBINAR,
        PreferredTime.EVENINGS,
        "Вебинар по коллективному договору на казахском языке.",
    ),
    (
        "abai.participant4@example.org",
        ["labour-disputes", "collective-bargaining", "labour-law"],
        PreferredFormat.BLENDED,
        PreferredTime.WORKING_HOURS,
        "",
    ),
    (
        "abai.participant5@example.org",
        ["labour-disputes"],
        PreferredFormat.IN_PERSON,
        PreferredTime.HOLIDAYS,
        "Келісім комиссиясының жұмысы бойынша тренинг керек.",
    ),
    (
        "abai.participant6@example.org",
        ["audit-and-finance", "occupational-safety"],
        PreferredFormat.ONLINE_COURSE,
        PreferredTime.WEEKENDS,
        "",
    ),
]

# (months from now, form, topic slug, tier, audience, planned participants, title)
PLAN_ITEMS = [
    (
        -10,
        PlanForm.SEMINAR,
        "labour-law",
        Tier.REGIONAL_SCHOOL,
        LearnerCategory.PRIMARY_CHAIR,
        40,
        "Семинар председателей ППО: Трудовой кодекс",
    ),
    (-8, PlanForm.ONLINE_COURSE, "union-basics", Tier.DISTRICT_SCHOOL, "", 120, "Основы профсоюзной работы"),
    (
        -6,
        PlanForm.WEBINAR,
        "status-of-teacher",
        Tier.REGIONAL_SCHOOL,
        "",
        150,
        "Статус педагога: вопросы и ответы",
    ),
    (
        -4,
        PlanForm.TRAINING,
        "audit-and-finance",
        Tier.REGIONAL_SCHOOL,
        LearnerCategory.AUDIT_COMMISSION,
        25,
        "Тренинг ревизионных комиссий",
    ),
    (
        -1,
        PlanForm.ROUND_TABLE,
        "collective-bargaining",
        Tier.DISTRICT_SCHOOL,
        LearnerCategory.ACTIVIST,
        20,
        "Круглый стол: коллективный договор",
    ),
    (0, PlanForm.SEMINAR, "labour-law", Tier.REGIONAL_SCHOOL, "", 30, "Трудовой кодекс: права педагогов"),
    (
        0,
        PlanForm.ONLINE_COURSE,
        "labour-law",
        Tier.DISTRICT_SCHOOL,
        "",
        60,
        "Трудовое право для членов профсоюза",
    ),
    (
        1,
        PlanForm.EXPERIENCE_EXCHANGE,
        "occupational-safety",
        Tier.DISTRICT_SCHOOL,
        LearnerCategory.SAFETY_INSPECTOR,
        15,
        "Обмен опытом технических инспекторов",
    ),
]

# (region short name, committee index or None, school index or None, year offset, budget, training)
BUDGETS = [
    ("Абай", None, None, 0, "48000000", "3360000"),
    ("Абай", 0, None, 0, "12500000", "1500000"),
    ("Абай", 1, None, 0, "4200000", "168000"),
    ("Абай", 0, 0, 0, "1200000", "150000"),
    ("Абай", None, None, -1, "45000000", "765000"),
    ("Костанай", None, None, 0, "52000000", "5720000"),
]


def _region(short_name):
    return Organisation.objects.get(depth=2, name_ru__startswith=short_name)


def _node(region, committee, school):
    node = _region(region)
    if committee is not None:
        node = node.get_children()[committee]
    if school is not None:
        node = node.get_children()[school]
    return node


def _month(offset):
    today = timezone.localdate()
    return min(12, max(1, today.month + offset))


def build_badge_rules():
    for kind, threshold, points, name_ru, name_kk, description_ru, description_kk in RULES:
        BadgeRule.objects.get_or_create(
            kind=kind,
            name_ru=name_ru,
            defaults={
                "name_kk": name_kk,
                "description_ru": description_ru,
                "description_kk": description_kk,
                "threshold": threshold,
                "points": points,
            },
        )
    return award_badges()


def build_mentoring():
    mentee = User.objects.get(email="member.kk@example.org")
    if not Mentorship.objects.active().filter(mentee=mentee).exists():
        Mentorship.objects.create(
            mentor=User.objects.get(email="chair@example.org"),
            mentee=mentee,
            organisation=mentee.profile.organisation,
            started_on=timezone.localdate() - datetime.timedelta(days=20),
            created_by=User.objects.filter(email="admin.abai@example.org").first(),
        )
    return Mentorship.objects.active().count()


def build_survey():
    today = timezone.localdate()
    survey, created = NeedsSurvey.objects.get_or_create(
        organisation=_region("Абай"),
        title=f"Обучение в {today.year + 1} году · {today.year + 1} жылғы оқу",
        defaults={
            "introduction": "Какие темы вам нужны, в каком формате и когда удобно учиться? "
            "Ответы лягут в план обучения областной организации.\n"
            "Қандай тақырыптар керек, қай форматта және қашан оқыған ыңғайлы?",
            "opens_on": today - datetime.timedelta(days=14),
            "closes_on": today + datetime.timedelta(days=30),
        },
    )
    if created:
        survey.topics.set(Topic.objects.all())
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for email, slugs, preferred_format, preferred_time, comment in ANSWERS:
        profile = (
            LearnerProfile.objects.select_related("user", "organisation").filter(user__email=email).first()
        )
        if profile is None or SurveyResponse.objects.filter(survey=survey, user=profile.user).exists():
            continue
        response = SurveyResponse.objects.create(
            survey=survey,
            user=profile.user,
            category=profile.category,
            organisation=profile.organisation,
            preferred_format=preferred_format,
            preferred_time=preferred_time,
            comment=comment,
        )
        response.topics.set([topics[slug] for slug in slugs if slug in topics])
    return survey.responses.count()


def build_plan():
    today = timezone.localdate()
    plan, created = TrainingPlan.objects.get_or_create(
        organisation=_region("Абай"),
        year=today.year,
        defaults={
            "approved_by": "Исполнительный комитет Абайской областной организации",
            "approved_on": datetime.date(today.year, 1, 21),
            "decision": "Постановление № 1, п. 2",
        },
    )
    if created:
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        PlanItem.objects.bulk_create(
            [
                PlanItem(
                    plan=plan,
                    month=_month(offset),
                    form=form,
                    topic=topics[slug],
                    tier=tier,
                    audience=audience,
                    planned_participants=people,
                    title=title,
                )
                for offset, form, slug, tier, audience, people, title in PLAN_ITEMS
                if slug in topics
            ]
        )
    return plan.items.count()


def build_budgets():
    year = timezone.localdate().year
    for region, committee, school, offset, budget, spend in BUDGETS:
        TrainingBudget.objects.update_or_create(
            organisation=_node(region, committee, school),
            year=year + offset,
            defaults={"expense_budget": Decimal(budget), "training_spend": Decimal(spend)},
        )
    return TrainingBudget.objects.count()


@transaction.atomic
def build_demo_motivation():
    """Returns (badge rules, new awards, survey answers, plan items, budgets)."""
    awarded = build_badge_rules()
    build_mentoring()
    answers = build_survey()
    items = build_plan()
    budgets = build_budgets()
    return BadgeRule.objects.count(), awarded, answers, items, budgets
