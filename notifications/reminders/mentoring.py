"""A mentee's course stalled: a reminder to the mentor, and one to the mentee."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, Concat, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motivation.models import Mentorship

from ..kinds import ReminderKind, Trigger
from .common import as_text, course_link

MENTORING_FIELDS = ("recipient", "mentorship_id", "course_id", "course_title", "person", "last_seen")


def mentee_stalled(recipient):
    """A mentee's unfinished course with no progress for MENTORING_STALL_DAYS, once per
    stretch (the subject carries the date of the last progress, as for inactivity), to
    ``recipient``: "mentor" or "mentee". One row per active pairing and stalled course."""

    def due(now):
        cutoff = now - timedelta(days=settings.MENTORING_STALL_DAYS)
        enrolment = "mentee__enrolments__"
        # One filter() call, so every condition is on the same enrolment; the annotations
        # below reuse that join.
        return (
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
                subject=Concat(Value("m"), as_text("pk"), Value(":e"), as_text(f"{enrolment}pk"), Value(":"),
                               as_text(TruncDate("last_seen")), output_field=CharField()),
            )
        )

    return due


def mentee_stalled_message(reminder):
    params = reminder.params
    values = {
        "name": params.get("person", ""),
        "title": params.get("course_title") or "",
        "date": date_format(timezone.localtime(datetime.fromisoformat(params["last_seen"])).date(),
                            "DATE_FORMAT"),
    }
    if params.get("recipient") == "mentor":
        return (_("Your mentee has stalled"),
                _("%(name)s has made no progress in “%(title)s” since %(date)s. A word from you may help "
                  "them continue.") % values)
    return (_("Your mentor can help"),
            _("You have made no progress in “%(title)s” since %(date)s. Your mentor %(name)s knows and "
              "can help: ask them, or do a short lesson today.") % values)


def mentee_stalled_link(reminder):
    """The mentor opens the mentee's page; the mentee, the course."""
    if reminder.params.get("recipient") == "mentor":
        return reverse("motivation:mentee", args=[reminder.params["mentorship_id"]])
    return course_link(reminder)


MENTEE_STALLED = ReminderKind(
    code="mentee_stalled",
    label=gettext_lazy("Mentoring: no progress in a course for a while"),
    triggers=(
        Trigger("mentee_stalled_mentor", Mentorship, mentee_stalled("mentor"), MENTORING_FIELDS),
        Trigger("mentee_stalled_mentee", Mentorship, mentee_stalled("mentee"), MENTORING_FIELDS),
    ),
    message=mentee_stalled_message,
    link=mentee_stalled_link,
)
