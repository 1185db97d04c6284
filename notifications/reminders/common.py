"""What the reminder kinds share: pieces of their SQL, and the pages they lead to."""

from datetime import datetime

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Coalesce, Concat, NullIf, Trim
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from content.models import WebinarPage
from lms.models import CoursePage, Enrolment


def as_text(expression):
    return Cast(expression, output_field=CharField())


def enrolment_subject(suffix=None):
    """``e<enrolment pk>``, then ``:<suffix>`` if given."""
    parts = [Value("e"), as_text("pk")]
    if suffix is not None:
        parts += [Value(":"), suffix]
    return Concat(*parts, output_field=CharField())


def learning():
    """Enrolments in progress in a live course."""
    return Enrolment.objects.in_progress().filter(course__live=True)


def display_name(prefix):
    """User.display_name in SQL: the full name, else the email, else the username (NULL
    when there is no such user, e.g. the sender's account was deleted)."""
    full_name = Trim(Concat(F(f"{prefix}first_name"), Value(" "), F(f"{prefix}last_name"),
                            output_field=CharField()))
    return Coalesce(NullIf(full_name, Value("")), NullIf(F(f"{prefix}email"), Value("")),
                    F(f"{prefix}username"), output_field=CharField())


def when(value):
    """A moment kept in the parameters, in the site's time zone and the active language."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def course_link(reminder):
    """The reminder's course, or the learner's dashboard if the course is gone."""
    page = CoursePage.objects.filter(pk=reminder.params.get("course_id")).first()
    return page.url if page else reverse("lms:dashboard")


def webinar_link(reminder):
    page = WebinarPage.objects.filter(pk=reminder.params.get("webinar_id")).first()
    return page.url if page else reverse("lms:dashboard")
