"""A kind of badge rule registered by another app (here, by the test) is offered to the
administrator, checked by the awarding job and shown to the learner, with no edit to them."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse

from lms import services as lms_services
from lms.models import LessonProgress
from motivation import badge_rules
from motivation.models import Award, BadgeRule
from motivation.services.badges import award_badges
from tests.lms.factories import administrator, course, member

pytestmark = pytest.mark.django_db


def lessons_done(rule, user_ids):
    """People with at least ``threshold`` lessons done, in one query."""
    progress = LessonProgress.objects.all()
    if user_ids is not None:
        progress = progress.filter(enrolment__user_id__in=user_ids)
    return (progress.values("enrolment__user_id").annotate(n=Count("pk"))
            .filter(n__gte=rule.threshold).values("enrolment__user_id"))


@pytest.fixture
def lessons_kind():
    kind = badge_rules.register(badge_rules.BadgeRuleKind(
        "lessons_done", "Lessons done", lessons_done, threshold="lessons done"))
    yield kind
    badge_rules.unregister(kind.code)


def test_a_registered_kind_awards_its_badge(client, lessons_kind, union, catalogue):
    learner, idle = member(union.school_a), member(union.school_a)
    page = course(catalogue, modules=1, lessons=2)
    rule = BadgeRule(kind="lessons_done", name_ru="Две лекции", name_kk="Екі сабақ", points=5, threshold=2)
    rule.full_clean()  # the administrator's form accepts the kind
    rule.save()
    enrolment = lms_services.enrol(learner, page)
    lms_services.enrol(idle, page)
    lms_services.complete_lesson(enrolment, page.lessons().first())
    assert award_badges() == 0

    client.force_login(learner)
    assert "Две лекции" in client.get(reverse("motivation:achievements")).content.decode()  # to earn

    lms_services.complete_lesson(enrolment, page.lessons().last())
    award_badges()
    assert list(Award.objects.values_list("user", "rule", "points")) == [(learner.pk, rule.pk, 5)]
    assert award_badges() == 0  # once


def test_the_kinds_own_figures_are_checked(lessons_kind):
    with pytest.raises(ValidationError, match="lessons done"):
        BadgeRule(kind="lessons_done", name_ru="x", name_kk="x").full_clean()


def test_an_unregistered_kind_is_refused_and_awards_nothing(union):
    with pytest.raises(ValidationError):
        BadgeRule(kind="lessons_done", name_ru="x", name_kk="x", threshold=1).full_clean()
    BadgeRule.objects.create(kind="lessons_done", name_ru="x", name_kk="x", threshold=1)
    assert award_badges() == 0


def test_the_rule_form_offers_a_registered_kind(client, lessons_kind, union):
    client.force_login(administrator(union.root))
    assert 'value="lessons_done"' in client.get(reverse("badge_rules:add")).content.decode()
