"""Reminders about a course: no progress for a while, a deadline near, the final test still
to pass, and the follow-up questionnaire three months after completion."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import TruncDate
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.models import Enrolment
from quizzes.models import AWAITS_GRADING, Attempt, Quiz
from reports.services.feedback import FOLLOW_UP_AFTER

from ..kinds import ReminderKind, Trigger
from .common import as_text, course_link, enrolment_subject, learning

COURSE_FIELDS = ("course_id", "course__title")


# --- No progress for a while -----------------------------------------------------------


def inactive(now):
    """Enrolled, not finished, and no progress for REMINDER_INACTIVITY_DAYS. A new stretch of
    inactivity (after the learner came back) is a new subject."""
    cutoff = now - timedelta(days=settings.REMINDER_INACTIVITY_DAYS)
    return learning().stalled(cutoff).annotate(subject=enrolment_subject(as_text(TruncDate("last_seen"))))


def inactivity_message(reminder):
    return (_("Continue your course"),
            _("You have not made progress in “%(title)s” for a while. A short lesson today keeps "
              "you on track.") % {"title": reminder.params.get("course_title") or ""})


INACTIVITY = ReminderKind(
    code="inactivity",
    label=gettext_lazy("No progress in a course for a while"),
    triggers=(Trigger("inactivity", Enrolment, inactive, COURSE_FIELDS),),
    message=inactivity_message,
    link=course_link,
)


# --- A deadline is near ----------------------------------------------------------------


def deadline_in(days_from, days_to, label):
    def due(now):
        today = timezone.localdate(now)
        return learning().filter(
            deadline__gte=today + timedelta(days=days_from), deadline__lte=today + timedelta(days=days_to)
        ).annotate(subject=enrolment_subject(Value(label)))

    return due


def deadline_message(reminder):
    deadline = date_format(datetime.fromisoformat(reminder.params["deadline"]).date(), "DATE_FORMAT")
    return (_("The deadline is near"),
            _("“%(title)s” is to be finished by %(date)s.")
            % {"title": reminder.params.get("course_title") or "", "date": deadline})


DEADLINE_FIELDS = (*COURSE_FIELDS, "deadline")

DEADLINE = ReminderKind(
    code="deadline",
    label=gettext_lazy("A course deadline is near"),
    triggers=(
        Trigger("deadline_3", Enrolment, deadline_in(2, 3, "3d"), DEADLINE_FIELDS),
        Trigger("deadline_1", Enrolment, deadline_in(0, 1, "1d"), DEADLINE_FIELDS),
    ),
    message=deadline_message,
    link=course_link,
)


# --- The final test is still to pass ---------------------------------------------------


def post_test_pending(now):
    """Every required lesson done, the post-test not passed (nor waiting for a trainer to
    grade it), and a day gone by since the last lesson (whoever is taking the test right now
    is not nagged)."""
    post_test = Quiz.objects.filter(course=OuterRef("course"), role=Quiz.Role.POST)
    passed_or_waiting = Attempt.objects.filter(
        Q(passed=True) | AWAITS_GRADING, quiz__course=OuterRef("course"),
        quiz__role=Quiz.Role.POST, user=OuterRef("user"),
    )
    return (
        learning()
        .filter(Exists(post_test), ~Exists(passed_or_waiting), last_activity_at__lt=now - timedelta(days=1))
        .with_lesson_counts()
        .filter(lessons_done__gte=F("lessons_total"))
        .annotate(subject=enrolment_subject())
    )


def post_test_message(reminder):
    return (_("One step left: the final test"),
            _("You have done every lesson of “%(title)s”. Pass the final test to complete the course "
              "and get your certificate.") % {"title": reminder.params.get("course_title") or ""})


POST_TEST = ReminderKind(
    code="post_test",
    label=gettext_lazy("The final test is still to pass"),
    triggers=(Trigger("post_test", Enrolment, post_test_pending, COURSE_FIELDS),),
    message=post_test_message,
    link=course_link,
)


# --- Three months after: did it help? --------------------------------------------------


def follow_up(now):
    """When the follow-up questionnaire opens (90 days after completion), unless it was
    answered already; a missed sweep catches up within a month."""
    return Enrolment.objects.filter(
        completed_at__lte=now - FOLLOW_UP_AFTER,
        completed_at__gt=now - FOLLOW_UP_AFTER - timedelta(days=30),
        follow_up__isnull=True,
    ).annotate(subject=enrolment_subject())


def follow_up_message(reminder):
    return (_("Did the course help?"),
            _("Three months ago you completed “%(title)s”. Two minutes: tell us whether you have used it "
              "in your work.") % {"title": reminder.params.get("course_title") or ""})


def follow_up_link(reminder):
    """The questionnaire, or the course where the questionnaire pages are not served."""
    try:
        return reverse("reports:follow_up", args=[reminder.subject.removeprefix("e")])
    except NoReverseMatch:
        return course_link(reminder)


FOLLOW_UP = ReminderKind(
    code="follow_up",
    label=gettext_lazy("Three months after a course: did it help?"),
    triggers=(Trigger("follow_up", Enrolment, follow_up, COURSE_FIELDS),),
    message=follow_up_message,
    link=follow_up_link,
)
