import datetime

from django.utils import timezone

from motivation.models import BadgeRule, Mentorship, RuleKind
from tests.content.factories import webinar
from tests.reports.factories import almaty

NAMES = {
    RuleKind.FIRST_COURSE: ("Первый шаг", "Алғашқы қадам"),
    RuleKind.PATH_FINISHED: ("Маршрут пройден", "Оқу бағыты өтілді"),
    RuleKind.COURSES_IN_YEAR: ("Пять курсов за год", "Бір жылда бес курс"),
    RuleKind.TOP_POST_TEST: ("Отличник", "Үздік"),
    RuleKind.WEBINAR_SERIES: ("Участник вебинаров", "Вебинарлар қатысушысы"),
}


def rule(kind, **fields):
    name_ru, name_kk = NAMES[kind]
    fields.setdefault("name_ru", name_ru)
    fields.setdefault("name_kk", name_kk)
    fields.setdefault("points", 10)
    return BadgeRule.objects.create(kind=kind, **fields)


def past_webinar(index, at, **fields):
    """A webinar that started at ``at`` (an aware moment)."""
    return webinar(index, starts_in=at - timezone.now(), **fields)


def mentorship(mentor, mentee, organisation=None, **fields):
    return Mentorship.objects.create(
        mentor=mentor,
        mentee=mentee,
        organisation=organisation or mentee.profile.organisation,
        started_on=fields.pop("started_on", datetime.date(2026, 1, 1)),
        **fields,
    )


__all__ = ["almaty", "mentorship", "past_webinar", "rule"]
