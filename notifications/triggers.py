"""When each reminder is due. A trigger is a query over its source table (enrolments or
webinar registrations) that yields, for the rows due at ``now`` and not yet reminded, the
person, a subject key and what the message needs. Everything is decided in SQL, so a sweep
reads only the rows that will get a reminder."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import CharField, Count, Exists, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, TruncDate
from django.utils import timezone

from content.models import WebinarRegistration
from lms.models import Enrolment, LessonPage, LessonProgress
from motivation.models import Mentorship
from quizzes.models import Attempt, Quiz
from reports.services.feedback import FOLLOW_UP_AFTER

from .models import Kind, Reminder


@dataclass(frozen=True)
class Trigger:
    name: str
    kind: str
    model: type
    due: object  # due(now) -> queryset of the source model annotated with ``subject``
    fields: tuple  # values read into the message parameters


def _text(expression):
    return Cast(expression, output_field=CharField())


def _not_reminded(queryset, kind):
    reminded = Reminder.objects.filter(
        user_id=OuterRef("user_id"), kind=kind, subject=OuterRef("subject")
    )
    return queryset.filter(~Exists(reminded))


def _enrolment_subject(suffix=None):
    parts = [Value("e"), _text("pk")]
    if suffix is not None:
        parts += [Value(":"), suffix]
    return Concat(*parts, output_field=CharField())


def _learning(now):
    return Enrolment.objects.in_progress().filter(course__live=True)


def inactive(now):
    """Enrolled, not finished, and no progress for REMINDER_INACTIVITY_DAYS. A new stretch of
    inactivity (after the learner came back) is a new subject."""
    cutoff = now - timedelta(days=settings.REMINDER_INACTIVITY_DAYS)
    queryset = (
        _learning(now)
        .annotate(last_seen=Coalesce("last_activity_at", "enrolled_at"))
        .filter(last_seen__lt=cutoff)
        .annotate(subject=_enrolment_subject(_text(TruncDate("last_seen"))))
    )
    return _not_reminded(queryset, Kind.INACTIVITY)


def _deadline_in(days_from, days_to, label):
    def due(now):
        today = timezone.localdate(now)
        queryset = _learning(now).filter(
            deadline__gte=today + timedelta(days=days_from), deadline__lte=today + timedelta(days=days_to)
        ).annotate(subject=_enrolment_subject(Value(label)))
        return _not_reminded(queryset, Kind.DEADLINE)

    return due


def post_test_pending(now):
    """Every required lesson done, the post-test not passed, and a day gone by since the
    last lesson (whoever is taking the test right now is not nagged)."""
    required = (
        LessonPage.objects.live().filter(required=True, path__startswith=OuterRef("course__path"))
        .order_by().values("live").annotate(n=Count("pk")).values("n")
    )
    done = (
        LessonProgress.objects.filter(enrolment=OuterRef("pk"), lesson__live=True, lesson__required=True)
        .order_by().values("enrolment").annotate(n=Count("pk")).values("n")
    )
    post_test = Quiz.objects.filter(course=OuterRef("course"), role=Quiz.Role.POST)
    passed = Attempt.objects.filter(quiz__course=OuterRef("course"), quiz__role=Quiz.Role.POST,
                                    user=OuterRef("user"), passed=True)
    queryset = (
        _learning(now)
        .filter(Exists(post_test), ~Exists(passed), last_activity_at__lt=now - timedelta(days=1))
        .annotate(required_total=Coalesce(Subquery(required), 0), required_done=Coalesce(Subquery(done), 0))
        .filter(required_done__gte=F("required_total"))
        .annotate(subject=_enrolment_subject())
    )
    return _not_reminded(queryset, Kind.POST_TEST)


def follow_up(now):
    """When the follow-up questionnaire opens (90 days after completion), unless it was
    answered already; a missed sweep catches up within a month."""
    queryset = Enrolment.objects.filter(
        completed_at__lte=now - FOLLOW_UP_AFTER,
        completed_at__gt=now - FOLLOW_UP_AFTER - timedelta(days=30),
        follow_up__isnull=True,
    ).annotate(subject=_enrolment_subject())
    return _not_reminded(queryset, Kind.FOLLOW_UP)


def _webinar_within(hours_from, hours_to, label):
    def due(now):
        queryset = WebinarRegistration.objects.filter(
            webinar__live=True,
            webinar__starts_at__gt=now + timedelta(hours=hours_from),
            webinar__starts_at__lte=now + timedelta(hours=hours_to),
        ).annotate(subject=Concat(Value("r"), _text("pk"), Value(label), output_field=CharField()))
        return _not_reminded(queryset, Kind.WEBINAR)

    return due


def _mentee_stalled(recipient):
    """A mentee's unfinished course with no progress for MENTORING_STALL_DAYS, once per
    stretch (the subject carries the date of the last progress, as for inactivity), to
    ``recipient``: "mentor" or "mentee". One row per active pairing and stalled course."""

    def due(now):
        cutoff = now - timedelta(days=settings.MENTORING_STALL_DAYS)
        enrolment = "mentee__enrolments__"
        # One filter() call, so every condition is on the same enrolment; the annotations
        # below reuse that join.
        queryset = (
            Mentorship.objects.active()
            .filter(**{f"{enrolment}completed_at__isnull": True, f"{enrolment}course__live": True})
            .annotate(last_seen=Coalesce(f"{enrolment}last_activity_at", f"{enrolment}enrolled_at"))
            .filter(last_seen__lt=cutoff)
            .annotate(
                user_id=F(f"{recipient}_id"),
                recipient=Value(recipient),
                mentorship_id=F("pk"),
                course_id=F(f"{enrolment}course_id"),
                course_title=F(f"{enrolment}course__title"),
                person=Concat(
                    F("mentee__first_name" if recipient == "mentor" else "mentor__first_name"), Value(" "),
                    F("mentee__last_name" if recipient == "mentor" else "mentor__last_name"),
                    output_field=CharField(),
                ),
                subject=Concat(Value("m"), _text("pk"), Value(":e"), _text(f"{enrolment}pk"), Value(":"),
                               _text(TruncDate("last_seen")), output_field=CharField()),
            )
        )
        return _not_reminded(queryset, Kind.MENTEE_STALLED)

    return due


_COURSE_FIELDS = ("course_id", "course__title")
_DEADLINE_FIELDS = (*_COURSE_FIELDS, "deadline")
_WEBINAR_FIELDS = ("webinar_id", "webinar__title", "webinar__starts_at")
_MENTORING_FIELDS = ("recipient", "mentorship_id", "course_id", "course_title", "person", "last_seen")

TRIGGERS = {
    trigger.name: trigger
    for trigger in (
        Trigger("inactivity", Kind.INACTIVITY, Enrolment, inactive, _COURSE_FIELDS),
        Trigger("deadline_3", Kind.DEADLINE, Enrolment, _deadline_in(2, 3, "3d"), _DEADLINE_FIELDS),
        Trigger("deadline_1", Kind.DEADLINE, Enrolment, _deadline_in(0, 1, "1d"), _DEADLINE_FIELDS),
        Trigger("post_test", Kind.POST_TEST, Enrolment, post_test_pending, _COURSE_FIELDS),
        Trigger("follow_up", Kind.FOLLOW_UP, Enrolment, follow_up, _COURSE_FIELDS),
        Trigger("webinar_24h", Kind.WEBINAR, WebinarRegistration, _webinar_within(1, 24, ":24h"),
                _WEBINAR_FIELDS),
        Trigger("webinar_1h", Kind.WEBINAR, WebinarRegistration, _webinar_within(0, 1, ":1h"),
                _WEBINAR_FIELDS),
        Trigger("mentee_stalled_mentor", Kind.MENTEE_STALLED, Mentorship, _mentee_stalled("mentor"),
                _MENTORING_FIELDS),
        Trigger("mentee_stalled_mentee", Kind.MENTEE_STALLED, Mentorship, _mentee_stalled("mentee"),
                _MENTORING_FIELDS),
    )
}
