"""When each reminder is due. A trigger is a query over its source table (enrolments,
webinar registrations, mentorships, notices a chair sent her members) that yields, for the
rows due at ``now`` and not yet reminded, the person, a subject key and what the message
needs. Everything is decided in SQL, so a sweep reads only the rows that will get a
reminder."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Trim, TruncDate
from django.utils import timezone

from content.models import WebinarPage, WebinarRegistration
from lms.models import Enrolment, LessonPage, LessonProgress
from motivation.models import MemberNotice, Mentorship
from quizzes.models import AWAITS_GRADING, Attempt, Quiz
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
    queryset = _learning(now).stalled(cutoff).annotate(
        subject=_enrolment_subject(_text(TruncDate("last_seen")))
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
    """Every required lesson done, the post-test not passed (nor waiting for a trainer to
    grade it), and a day gone by since the last lesson (whoever is taking the test right now
    is not nagged)."""
    required = (
        LessonPage.objects.live().filter(required=True, path__startswith=OuterRef("course__path"))
        .order_by().values("live").annotate(n=Count("pk")).values("n")
    )
    done = (
        LessonProgress.objects.filter(enrolment=OuterRef("pk"), lesson__live=True, lesson__required=True)
        .order_by().values("enrolment").annotate(n=Count("pk")).values("n")
    )
    post_test = Quiz.objects.filter(course=OuterRef("course"), role=Quiz.Role.POST)
    passed_or_waiting = Attempt.objects.filter(
        Q(passed=True) | AWAITS_GRADING, quiz__course=OuterRef("course"),
        quiz__role=Quiz.Role.POST, user=OuterRef("user"),
    )
    queryset = (
        _learning(now)
        .filter(Exists(post_test), ~Exists(passed_or_waiting), last_activity_at__lt=now - timedelta(days=1))
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


# A notice whose immediate processing was lost (the broker was down) is still delivered by
# the sweep within this long; an older one is stale news and stays undelivered.
NOTICE_CATCH_UP = timedelta(days=7)


def _display_name(prefix):
    """User.display_name in SQL: the full name, else the email, else the username (NULL
    when there is no such user, e.g. the sender's account was deleted)."""
    full_name = Trim(Concat(F(f"{prefix}first_name"), Value(" "), F(f"{prefix}last_name"),
                            output_field=CharField()))
    return Coalesce(NullIf(full_name, Value("")), NullIf(F(f"{prefix}email"), Value("")),
                    F(f"{prefix}username"), output_field=CharField())


def _webinars_not_over(now):
    """Live webinars that have not ended at ``now`` (a webinar lasts 12 hours at most; the
    end is worked out here, as date arithmetic differs between databases)."""
    recent = WebinarPage.objects.live().filter(starts_at__gt=now - timedelta(hours=12))
    return [page.pk for page in recent.only("starts_at", "duration_minutes") if page.ends_at > now]


def _member_notices(notice_kind, kind):
    """The notices of ``notice_kind`` a chair (or an administrator) sent, one reminder each
    to the member (subject ``n<notice pk>``). The notifications app is told at once when
    they are sent (``receivers``); the sweep delivers those whose immediate processing was
    lost, while they are still news."""

    def due(now):
        queryset = MemberNotice.objects.filter(kind=notice_kind, created_at__gte=now - NOTICE_CATCH_UP)
        if notice_kind == MemberNotice.Kind.STALLED_COURSE:
            queryset = queryset.filter(course__live=True)
        else:  # an invitation to a webinar that is over is no news
            queryset = queryset.filter(webinar__in=_webinars_not_over(now))
        queryset = queryset.annotate(
            user_id=F("member_id"),
            sender=_display_name("sent_by__"),
            subject=Concat(Value("n"), _text("pk"), output_field=CharField()),
        )
        return _not_reminded(queryset, kind)

    return due


_COURSE_FIELDS = ("course_id", "course__title")
_DEADLINE_FIELDS = (*_COURSE_FIELDS, "deadline")
_WEBINAR_FIELDS = ("webinar_id", "webinar__title", "webinar__starts_at")
_NOTICE_FIELDS = ("sender", "organisation_id", "organisation__name_ru", "organisation__name_kk")
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
        Trigger("leader_nudge", Kind.LEADER_REMINDER, MemberNotice,
                _member_notices(MemberNotice.Kind.STALLED_COURSE, Kind.LEADER_REMINDER),
                (*_NOTICE_FIELDS, *_COURSE_FIELDS)),
        Trigger("invitation", Kind.WEBINAR_INVITATION, MemberNotice,
                _member_notices(MemberNotice.Kind.WEBINAR, Kind.WEBINAR_INVITATION),
                (*_NOTICE_FIELDS, *_WEBINAR_FIELDS)),
    )
}
