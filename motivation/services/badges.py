"""Badges and points.

Who has earned a rule's badge is one SQL query per rule over the platform's own records
(completed enrolments, learning paths, post-test attempts, attended webinars). Awards are
inserted with ``ignore_conflicts`` under the (user, rule) unique constraint, so the job can
run twice, in parallel or after a crash and still award each badge once.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from content.models import WebinarRegistration
from lms.models import Enrolment, LearningPathStep, User
from quizzes.models import Attempt, Quiz
from reports.models import EventAttendance

from ..models import Award, BadgeRule, RuleKind

AWARD_BATCH = 1000


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


EARNERS = {
    RuleKind.FIRST_COURSE: _first_course,
    RuleKind.PATH_FINISHED: _path_finished,
    RuleKind.COURSES_IN_YEAR: _courses_in_year,
    RuleKind.TOP_POST_TEST: _top_post_test,
    RuleKind.WEBINAR_SERIES: _webinar_series,
}


def earners(rule, user_ids=None):
    """Active people who meet ``rule`` and do not have its badge yet (a queryset of ids)."""
    people = User.objects.filter(is_active=True, pk__in=EARNERS[rule.kind](rule, user_ids))
    return people.filter(~Exists(Award.objects.filter(rule=rule, user=OuterRef("pk")))).values_list(
        "pk", flat=True
    )


def award_badges(user_ids=None, now=None):
    """Award every active rule's badge to whoever has earned it: everyone, or only the
    people in ``user_ids``. Safe to run twice; returns how many awards are new."""
    now = now or timezone.now()
    before = Award.objects.count()
    for rule in BadgeRule.objects.active():
        if rule.kind in (RuleKind.COURSES_IN_YEAR, RuleKind.TOP_POST_TEST, RuleKind.WEBINAR_SERIES) and (
            not rule.threshold
        ):
            continue  # a rule saved without its threshold would award everyone
        # Read first, then insert: the query reads the awards table it is about to grow.
        found = list(earners(rule, user_ids))
        Award.objects.bulk_create(
            [Award(user_id=user_id, rule=rule, points=rule.points, awarded_at=now) for user_id in found],
            ignore_conflicts=True,
            batch_size=AWARD_BATCH,
        )
    return Award.objects.count() - before


# --- The learner's side ----------------------------------------------------------------


def _count(queryset, field_name="user"):
    return Coalesce(
        Subquery(queryset.order_by().values(field_name).annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


@dataclass
class Points:
    courses: int
    webinars: int
    events: int
    badges: int
    courses_this_year: int = 0

    @property
    def for_courses(self):
        return self.courses * settings.POINTS_PER_COURSE

    @property
    def for_webinars(self):
        return self.webinars * settings.POINTS_PER_WEBINAR

    @property
    def for_events(self):
        return self.events * settings.POINTS_PER_EVENT

    @property
    def total(self):
        return self.for_courses + self.for_webinars + self.for_events + self.badges


def points(user):
    """The person's points: completed courses, attended webinars and in-person events,
    and the points of their badges. One query."""
    zone = timezone.get_default_timezone()
    year = timezone.localdate().year
    completed = Enrolment.objects.completed().filter(user=OuterRef("pk"))
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            courses=_count(completed),
            courses_this_year=_count(
                completed.annotate(year=ExtractYear("completed_at", tzinfo=zone)).filter(year=year)
            ),
            webinars=_count(WebinarRegistration.objects.attended().filter(user=OuterRef("pk"))),
            events=_count(
                EventAttendance.objects.filter(user=OuterRef("pk"), event__date__lte=timezone.localdate())
            ),
            badges=Coalesce(
                Subquery(
                    Award.objects.filter(user=OuterRef("pk"))
                    .order_by()
                    .values("user")
                    .annotate(total=Sum("points"))
                    .values("total")[:1]
                ),
                Value(0),
                output_field=IntegerField(),
            ),
        )
        .values("courses", "courses_this_year", "webinars", "events", "badges")
        .first()
    )
    return Points(**row) if row else Points(0, 0, 0, 0)


@dataclass
class ToEarn:
    rule: BadgeRule
    done: int | None = None  # progress towards the threshold, where it is simple to tell

    @property
    def percent(self):
        if self.done is None or not self.rule.threshold:
            return None
        return min(100, round(100 * self.done / self.rule.threshold))


@dataclass
class Achievements:
    awards: list
    to_earn: list
    points: Points


def achievements(user):
    """The person's badges (newest first), the active badges still to earn with simple
    progress, and their points. Three queries."""
    awards = list(Award.objects.filter(user=user).select_related("rule"))
    earned = {award.rule_id for award in awards}
    score = points(user)
    to_earn = []
    for rule in BadgeRule.objects.active().exclude(pk__in=earned):
        done = None
        if rule.kind == RuleKind.COURSES_IN_YEAR:
            done = score.courses_this_year
        elif rule.kind == RuleKind.WEBINAR_SERIES and not rule.topic_id:
            done = score.webinars
        to_earn.append(ToEarn(rule, done))
    # In the order a learner meets them: first course, a path, a busy year...
    to_earn.sort(key=lambda item: (RuleKind.values.index(item.rule.kind), item.rule.threshold or 0))
    return Achievements(awards=awards, to_earn=to_earn, points=score)


def shared_award(token):
    """The award behind a public share link, or None: only an active person's award."""
    if not token or len(token) > 32:
        return None
    return (
        Award.objects.filter(share_token=token, user__is_active=True).select_related("rule", "user").first()
    )
