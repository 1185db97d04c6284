"""In-person events: recording them and their attendance, by hand or from a CSV/XLSX list.

An administrator records events organised in their subtree, and marks as attendees the
members of their subtree, found by email. A list with any unknown email is refused whole,
naming the rows, and marks nobody.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from lms.models import User
from lms.permissions import check_organisation, report_root
from lms.scope import under
from lms.table_files import TableError, table_rows

from ..models import EventAttendance, TrainingEvent
from .member_import import HEADINGS

MAX_ATTENDANCE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000  # people at one event


class AttendanceError(Exception):
    """The list has mistakes; nothing was marked. ``errors``: dicts with row and message."""

    def __init__(self, errors):
        super().__init__("; ".join(str(error["message"]) for error in errors))
        self.errors = errors


def check_event_access(user, event, permission="change"):
    """Raise PermissionDenied unless ``user`` may ``permission`` (add, change, delete,
    view) events and ``event``'s organiser lies in their subtree."""
    if not user.has_perm(f"reports.{permission}_trainingevent"):
        raise PermissionDenied(_("You may not record training events."))
    check_organisation(user, event.organisation)


def events_for(user, *, year=None):
    """Events organised in ``user``'s subtree, newest first, with attendance counts."""
    root = report_root(user)
    if root is None or not user.has_perm("reports.view_trainingevent"):
        return TrainingEvent.objects.none()
    events = TrainingEvent.objects.under(root)
    if year:
        events = events.in_year(year)
    return (
        events.select_related("organisation", "topic", "trainer")
        .annotate(attended=Count("attendances"))
        .order_by("-date", "-pk")
    )


def save_event(user, event):
    """Save a new or changed event after checking the organiser is in ``user``'s subtree."""
    check_event_access(user, event, "change" if event.pk else "add")
    if not event.pk:
        event.recorded_by = user
    event.save()
    return event


def delete_event(user, event):
    check_event_access(user, event, "delete")
    event.delete()


def emails_from_text(text):
    """(row, email) pairs of a pasted list: emails separated by new lines, commas,
    semicolons or spaces; the row is the line number."""
    pairs = []
    for line, content in enumerate(text.splitlines(), start=1):
        for word in content.replace(",", " ").replace(";", " ").split():
            pairs.append((line, word.strip().lower()))
    return pairs


def emails_from_file(file_name, content):
    """(row, email) pairs of an attendance list: the column headed "email" (or
    "e-mail", "почта"...) of a CSV or XLSX file of at most MAX_ROWS rows, the first row
    being the header, which is checked before any other row is read."""
    if len(content) > MAX_ATTENDANCE_BYTES:
        raise AttendanceError([{"row": None, "message": _("The file is larger than 2 MB.")}])
    try:
        rows = table_rows(file_name, content, MAX_ROWS)
        _line, header = next(rows, (1, []))
        header = [" ".join(cell.strip().lower().split()) for cell in header]
        column = next((i for i, name in enumerate(header) if name in HEADINGS["email"]), None)
        if column is None:
            message = _("The first row must name the columns, one of them “email”.")
            raise AttendanceError([{"row": 1, "message": message}])
        return [(line, row[column].strip().lower()) for line, row in rows
                if column < len(row) and row[column].strip()]
    except TableError as error:
        raise AttendanceError([{"row": error.line, "message": str(error)}]) from error


def add_attendees(user, event, pairs):
    """Mark the members with these emails as having attended ``event``: all of them, or
    nobody when any email is wrong or not a member of ``user``'s subtree. Returns
    (newly marked, already marked)."""
    check_event_access(user, event)
    root = report_root(user)
    errors, emails = [], {}
    for line, email in pairs:
        try:
            validate_email(email)
        except ValidationError:
            message = _("“%(value)s” is not an email address.") % {"value": email}
            errors.append({"row": line, "message": message})
            continue
        emails.setdefault(email, line)
    found = {}
    for pk, email in (
        User.objects.annotate(email_lower=Lower("email"))
        .filter(under(root, "profile__organisation"), email_lower__in=list(emails))
        .values_list("pk", "email_lower")
    ):
        found.setdefault(email, pk)
    errors += [
        {"row": line, "message": _("No member of %(scope)s has the email %(email)s.")
         % {"scope": root.name, "email": email}}
        for email, line in emails.items() if email not in found
    ]
    if errors:
        raise AttendanceError(sorted(errors, key=lambda error: error["row"] or 0))
    if not found:
        raise AttendanceError([{"row": None, "message": _("The list has no email addresses.")}])
    with transaction.atomic():
        already = set(
            EventAttendance.objects.filter(event=event, user_id__in=found.values())
            .values_list("user_id", flat=True)
        )
        EventAttendance.objects.bulk_create(
            [EventAttendance(event=event, user_id=pk) for pk in set(found.values()) - already],
            ignore_conflicts=True,
        )
    return len(set(found.values()) - already), len(already)


def remove_attendee(user, event, attendance_id):
    """Take one participant off ``event``'s list. Raises ``EventAttendance.DoesNotExist``
    when the row is not on this event's list (another event's, another region's, or gone)."""
    check_event_access(user, event)
    deleted, _by_model = EventAttendance.objects.filter(event=event, pk=attendance_id).delete()
    if not deleted:
        raise EventAttendance.DoesNotExist
