"""After a webinar: who attended, marked by hand or from the platform's attendance CSV.

Attendance is set once per registration; the registrations that became attended are
announced with ``content.signals.webinar_attended`` after the transaction commits (the
certificates app listens). An attended registration counts as trained in reports.
"""

from functools import partial

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import User
from lms.table_files import TableError, csv_rows, decode

from ..models import WebinarRegistration
from ..signals import webinar_attended

MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000  # a republic-wide webinar: 5,000 people online, some joining several times
EMAIL_HEADERS = ("email", "e-mail", "почта", "пошта")


class AttendanceRefused(Exception):
    """Attendance cannot be marked; the message says why."""


class AttendanceFileError(Exception):
    """The attendance file has mistakes; nothing was marked. ``errors`` lists
    (line number or None, message)."""

    def __init__(self, errors):
        super().__init__("; ".join(message for _line, message in errors))
        self.errors = errors


def _announce(registration_ids):
    for pk in registration_ids:
        transaction.on_commit(partial(webinar_attended.send, sender=WebinarRegistration, registration_id=pk))


def mark_attended(webinar, registration_ids, now=None):
    """Mark these registrations of ``webinar`` attended. Those already attended keep their
    time and are not announced again, also when two trainers save at once. Returns the ids
    that became attended."""
    now = now or timezone.now()
    if now < webinar.starts_at:
        raise AttendanceRefused(_("The webinar has not started yet."))
    with transaction.atomic():
        newly = list(
            WebinarRegistration.objects.select_for_update()
            .filter(webinar=webinar, pk__in=list(registration_ids), attended_at__isnull=True)
            .values_list("pk", flat=True)
        )
        WebinarRegistration.objects.filter(pk__in=newly, attended_at__isnull=True).update(attended_at=now)
        _announce(newly)
    return newly


def _email_column(header):
    for position, name in enumerate(header):
        if any(word in name.strip().lower() for word in EMAIL_HEADERS):
            return position
    return None


def read_attendance_emails(content):
    """The (line number, email) pairs of an attendance CSV of at most MAX_ROWS rows: the
    column whose heading names an email (Zoom's "User Email", "Email", "Электронная
    почта"), any delimiter. The header is checked before any other row is read."""
    if len(content) > MAX_CSV_BYTES:
        raise AttendanceFileError([(None, _("The file is larger than 2 MB."))])
    text = decode(content)
    if text is None:
        raise AttendanceFileError([(None, _("The file is not text in UTF-8 or Windows-1251."))])
    pairs, errors = [], []
    try:
        rows = csv_rows(text, MAX_ROWS)
        _line, header = next(rows, (1, []))
        column = _email_column(header)
        if column is None:
            raise AttendanceFileError([(1, _("The first line must name the columns, one of them “email”."))])
        for line, row in rows:
            if not any(cell.strip() for cell in row):
                continue
            email = row[column].strip() if column < len(row) else ""
            try:
                validate_email(email)
            except ValidationError:
                errors.append((line, _("“%(value)s” is not an email address.") % {"value": email}))
                continue
            pairs.append((line, email.lower()))
    except TableError as error:
        raise AttendanceFileError([(error.line, str(error))]) from error
    if errors:
        raise AttendanceFileError(errors)
    return pairs


def import_attendance(webinar, content, now=None):
    """Mark attendance from a CSV file: all of it, or nothing when any line is wrong.
    A signed-up member who attended without registering is registered as attended.
    Returns the ids of the registrations that became attended."""
    now = now or timezone.now()
    if now < webinar.starts_at:
        raise AttendanceRefused(_("The webinar has not started yet."))
    rows = read_attendance_emails(content)
    users = {
        user.email_lower: user.pk
        for user in User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in={email for _line, email in rows})
        .only("pk")
    }
    errors = [
        (line, _("Nobody on the platform has the email %(email)s.") % {"email": email})
        for line, email in rows if email not in users
    ]
    if errors:
        raise AttendanceFileError(errors)
    with transaction.atomic():
        user_ids = {users[email] for _line, email in rows}
        registered = set(
            WebinarRegistration.objects.filter(webinar=webinar, user_id__in=user_ids)
            .values_list("user_id", flat=True)
        )
        WebinarRegistration.objects.bulk_create(
            [WebinarRegistration(webinar=webinar, user_id=pk, registered_at=now)
             for pk in user_ids - registered],
            ignore_conflicts=True,
        )
        ids = WebinarRegistration.objects.filter(webinar=webinar, user_id__in=user_ids)
        return mark_attended(webinar, list(ids.values_list("pk", flat=True)), now=now)
