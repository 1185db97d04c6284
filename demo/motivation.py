"""Demo data for ``manage.py seed_demo``: the five kinds of badge rules in Russian and
Kazakh (and the badges the demo members have earned), a mentor for the Kazakh-speaking
member, a needs survey of the Abai region with answers, the Abai region's approved plan
for this year, and training budgets (``demo/data/motivation.json``). Runs after the reports
demo, whose participants answer the survey. Running it again changes nothing."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lms.models import LearnerProfile, Organisation, Topic, User
from motivation.models import (
    BadgeRule,
    Mentorship,
    NeedsSurvey,
    PlanItem,
    SurveyResponse,
    TrainingBudget,
    TrainingPlan,
)
from motivation.services.badges import award_badges

from . import loaders


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


def build_badge_rules(rules):
    for rule in rules:
        BadgeRule.objects.get_or_create(
            kind=rule["kind"],
            name_ru=rule["name_ru"],
            defaults={
                "name_kk": rule["name_kk"],
                "description_ru": rule["description_ru"],
                "description_kk": rule["description_kk"],
                "threshold": rule["threshold"],
                "points": rule["points"],
            },
        )
    return award_badges()


def build_mentoring(spec):
    mentee = User.objects.get(email=spec["mentee"])
    if not Mentorship.objects.active().filter(mentee=mentee).exists():
        Mentorship.objects.create(
            mentor=User.objects.get(email=spec["mentor"]),
            mentee=mentee,
            organisation=mentee.profile.organisation,
            started_on=timezone.localdate() - datetime.timedelta(days=spec["days_ago"]),
            created_by=User.objects.filter(email=spec["created_by"]).first(),
        )
    return Mentorship.objects.active().count()


def build_survey(spec):
    """Next year's needs survey (its title names the year), open for two weeks past and a
    month ahead, with the answers of the region's participants."""
    today = timezone.localdate()
    survey, created = NeedsSurvey.objects.get_or_create(
        organisation=_region(spec["region"]),
        title=spec["title"].format(year=today.year + 1),
        defaults={
            "introduction": spec["introduction"],
            "opens_on": today - datetime.timedelta(days=14),
            "closes_on": today + datetime.timedelta(days=30),
        },
    )
    if created:
        survey.topics.set(Topic.objects.all())
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for answer in spec["answers"]:
        profile = (
            LearnerProfile.objects.select_related("user", "organisation")
            .filter(user__email=answer["email"])
            .first()
        )
        if profile is None or SurveyResponse.objects.filter(survey=survey, user=profile.user).exists():
            continue
        response = SurveyResponse.objects.create(
            survey=survey,
            user=profile.user,
            category=profile.category,
            organisation=profile.organisation,
            preferred_format=answer["format"],
            preferred_time=answer["time"],
            comment=answer["comment"],
        )
        response.topics.set([topics[slug] for slug in answer["topics"] if slug in topics])
    return survey.responses.count()


def build_plan(spec):
    """This year's approved plan; an item's month is this month plus its ``months_from_now``,
    kept within the year."""
    today = timezone.localdate()
    approved_on = spec["approved_on"]
    plan, created = TrainingPlan.objects.get_or_create(
        organisation=_region(spec["region"]),
        year=today.year,
        defaults={
            "approved_by": spec["approved_by"],
            "approved_on": datetime.date(today.year, approved_on["month"], approved_on["day"]),
            "decision": spec["decision"],
        },
    )
    if created:
        topics = {topic.slug: topic for topic in Topic.objects.all()}
        PlanItem.objects.bulk_create(
            [
                PlanItem(
                    plan=plan,
                    month=_month(item["months_from_now"]),
                    form=item["form"],
                    topic=topics[item["topic"]],
                    tier=item["tier"],
                    audience=item["audience"],
                    planned_participants=item["participants"],
                    title=item["title"],
                )
                for item in spec["items"]
                if item["topic"] in topics
            ]
        )
    return plan.items.count()


def build_budgets(budgets):
    year = timezone.localdate().year
    for spec in budgets:
        TrainingBudget.objects.update_or_create(
            organisation=_node(spec["region"], spec["committee"], spec["school"]),
            year=year + spec["year_offset"],
            defaults={"expense_budget": Decimal(spec["expense_budget"]),
                      "training_spend": Decimal(spec["training_spend"])},
        )
    return TrainingBudget.objects.count()


@transaction.atomic
def build_demo_motivation():
    """Returns (badge rules, new awards, survey answers, plan items, budgets)."""
    demo = loaders.motivation()
    awarded = build_badge_rules(demo["badge_rules"])
    build_mentoring(demo["mentorship"])
    answers = build_survey(demo["survey"])
    items = build_plan(demo["plan"])
    budgets = build_budgets(demo["budgets"])
    return BadgeRule.objects.count(), awarded, answers, items, budgets
