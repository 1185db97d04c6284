"""Motivation's own kinds of badge rule, registered with ``motivation.badge_rules`` by
``MotivationConfig.ready()``: who has earned each, in one SQL query over the platform's own
records (completed enrolments, learning paths, post-test attempts, attended webinars)."""

from django.core.exceptions import ValidationError
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content.models import WebinarRegistration
from lms.models import Enrolment, LearningPathStep
from quizzes.models import Attempt, Quiz

from ..badge_rules import BadgeRuleKind
from ..models import RuleKind


def _only(queryset, user_ids, field_name="user_id"):
    return queryset if user_ids is None else queryset.filter(**{f"{field_name}__in": user_ids})


def _first_course(rule, user_ids):
    return _only(Enrolment.objects.completed(), user_ids).values("user_id")


def _path_finished(rule, user_ids):
    """People who completed every course of a learning path (of the rule's path, or any)."""
    steps = LearningPathStep.objects.all()
    if rule.learning_path_id:
        steps = steps.filter(path_id=rule.learning_path_id)
    courses_in_path = (
        LearningPathStep.objects.filter(path=OuterRef("path"))
        .order_by()
        .values("path")
        .annotate(n=Count("course", distinct=True))
        .values("n")
    )
    done = {"course__enrolments__completed_at__isnull": False}
    if user_ids is not None:
        done["course__enrolments__user_id__in"] = user_ids
    return (
        steps.filter(**done)  # one filter() call: both conditions on the same enrolment
        .values("path", learner=F("course__enrolments__user_id"))
        .annotate(finished=Count("course", distinct=True), needed=Subquery(courses_in_path))
        .filter(finished__gte=F("needed"))
        .values("learner")
    )


def _courses_in_year(rule, user_ids):
    zone = timezone.get_default_timezone()
    return (
        _only(Enrolment.objects.completed(), user_ids)
        .annotate(year=ExtractYear("completed_at", tzinfo=zone))
        .values("user_id", "year")
        .annotate(courses=Count("pk"))
        .filter(courses__gte=rule.threshold)
        .values("user_id")
    )


def _top_post_test(rule, user_ids):
    return _only(
        Attempt.objects.submitted().filter(quiz__role=Quiz.Role.POST, score__gte=rule.threshold), user_ids
    ).values("user_id")


def _a_score(rule):
    if rule.threshold and rule.threshold > 100:
        raise ValidationError({"threshold": _("A score is at most 100%.")})


def _webinar_series(rule, user_ids):
    attended = WebinarRegistration.objects.attended()
    if rule.topic_id:
        attended = attended.filter(webinar__topics=rule.topic_id)
    return (
        _only(attended, user_ids)
        .values("user_id")
        .annotate(webinars=Count("webinar", distinct=True))
        .filter(webinars__gte=rule.threshold)
        .values("user_id")
    )


def _webinars_attended(rule, points):
    """Any webinar counts for a rule without a topic: the person's webinar points tell."""
    return None if rule.topic_id else points.webinars


# In the order a learner meets them: first course, a path, a busy year...
KINDS = (
    BadgeRuleKind(RuleKind.FIRST_COURSE, RuleKind.FIRST_COURSE.label, _first_course),
    BadgeRuleKind(RuleKind.PATH_FINISHED, RuleKind.PATH_FINISHED.label, _path_finished,
                  uses=("learning_path",)),
    BadgeRuleKind(RuleKind.COURSES_IN_YEAR, RuleKind.COURSES_IN_YEAR.label, _courses_in_year,
                  threshold=gettext_lazy("courses completed in one calendar year"),
                  progress=lambda rule, points: points.courses_this_year),
    BadgeRuleKind(RuleKind.TOP_POST_TEST, RuleKind.TOP_POST_TEST.label, _top_post_test,
                  threshold=gettext_lazy("final test score, %, at least"), validate=_a_score),
    BadgeRuleKind(RuleKind.WEBINAR_SERIES, RuleKind.WEBINAR_SERIES.label, _webinar_series,
                  threshold=gettext_lazy("webinars attended"), uses=("topic",), progress=_webinars_attended),
)
