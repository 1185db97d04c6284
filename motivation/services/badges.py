"""Badges and points.

Who has earned a rule's badge is one SQL query per rule, which the rule's kind gives
(``motivation.badge_rules``; motivation's own kinds are in ``services.badge_rules``). Awards are
inserted with ``ignore_conflicts`` under the (user, rule) unique constraint, so the job can
run twice, in parallel or after a crash and still award each badge once.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from content.models import WebinarRegistration
from lms.models import Enrolment, User
from reports.models import EventAttendance

from .. import badge_rules
from ..models import Award, BadgeRule
from ..signals import badges_awarded

AWARD_BATCH = 1000


def earners(rule, user_ids=None):
    """Active people who meet ``rule`` and do not have its badge yet (a queryset of ids)."""
    people = User.objects.filter(is_active=True, pk__in=badge_rules.get(rule.kind).earners(rule, user_ids))
    return people.filter(~Exists(Award.objects.filter(rule=rule, user=OuterRef("pk")))).values_list(
        "pk", flat=True
    )


def award_badges(user_ids=None, now=None):
    """Award every active rule's badge to whoever has earned it: everyone, or only the
    people in ``user_ids``. Safe to run twice; returns how many awards are new."""
    now = now or timezone.now()
    before = Award.objects.count()
    for rule in BadgeRule.objects.active():
        kind = badge_rules.get(rule.kind)
        if kind is None:
            continue  # no app registers this kind any more
        if kind.threshold and not rule.threshold:
            continue  # a rule saved without its threshold would award everyone
        # Read first, then insert: the query reads the awards table it is about to grow.
        found = list(earners(rule, user_ids))
        Award.objects.bulk_create(
            [Award(user_id=user_id, rule=rule, points=rule.points, awarded_at=now) for user_id in found],
            ignore_conflicts=True,
            batch_size=AWARD_BATCH,
        )
    new = Award.objects.count() - before
    if new:
        # The awards this run made carry its moment (a concurrent run's conflicts were skipped).
        ids = list(Award.objects.filter(awarded_at=now).values_list("pk", flat=True))
        transaction.on_commit(lambda: badges_awarded.send(sender=Award, award_ids=ids))
    return new


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
        kind = badge_rules.get(rule.kind)
        if kind is None:
            continue
        to_earn.append(ToEarn(rule, kind.progress(rule, score) if kind.progress else None))
    # In the order a learner meets them (the kinds' order): first course, a path, a busy year...
    to_earn.sort(key=lambda item: (badge_rules.position(item.rule.kind), item.rule.threshold or 0))
    return Achievements(awards=awards, to_earn=to_earn, points=score)


def shared_award(token):
    """The award behind a public share link, or None: only an active person's award."""
    if not token or len(token) > 32:
        return None
    return (
        Award.objects.filter(share_token=token, user__is_active=True).select_related("rule", "user").first()
    )
