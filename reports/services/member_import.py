"""Bulk import of members from CSV (UTF-8 or Windows-1251, "," ";" or tab) or XLSX.

One member a row under a header row; the headings may be in English, Russian or Kazakh:

    name          "Surname Given-name Patronymic": the first word is the surname
    email         the identity: an existing account with this email is updated, never doubled
    organisation  the organisation's number (shown on its page and in the template's second
                  sheet) or its exact name in Russian or Kazakh; it must lie in the importing
                  administrator's subtree and the name must be unambiguous there
    category      optional: a learner category's code or name (empty = union member)
    position      optional: the job title; without this column positions are left alone

An import is checked first (a preview: new, updated, unchanged, and every mistake with its
row and column) and then committed all or nothing. Re-importing the same file changes
nothing. New accounts have no usable password and a verified email address: the member
sets a password with "Forgot password?".
"""

import io
import re

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lms.models import LearnerCategory, LearnerProfile, Organisation, User
from lms.permissions import check_organisation
from lms.roles import Role
from lms.table_files import TableError, table_rows

from ..models import MemberImport

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000  # a region's members in one file
MAX_UNPACKED = 128 * 2**20  # an XLSX of MAX_ROWS members unpacks to about 80 MB
MAX_ERRORS_KEPT = 500
CHUNK = 500

HEADINGS = {
    "name": {"name", "full name", "фио", "ф.и.о.", "ф. и. о.", "аты-жөні", "аты жөні", "толық аты-жөні"},
    "email": {"email", "e-mail", "эл. почта", "электронная почта", "почта", "электрондық пошта", "пошта"},
    "organisation": {"organisation", "organization", "организация", "ұйым", "первичная организация"},
    "category": {"category", "категория", "санат"},
    "position": {"position", "должность", "лауазым", "лауазымы"},
}
REQUIRED = ("name", "email", "organisation")
FIELD_LENGTH = {"first_name": 150, "last_name": 150, "position": 255}


class ImportFileError(Exception):
    """The file cannot be read at all (wrong type, damaged, no header)."""


def _error(row, column, message):
    return {"row": row, "column": column, "message": str(message)}


# --- Reading ---------------------------------------------------------------------------


def read_table(file_name, content):
    """The file's rows as (line, cells) pairs, the header first, read as they are asked
    for; reading stops with a TableError past MAX_ROWS."""
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_FILE_BYTES // 2**20})
    try:
        return table_rows(file_name, content, MAX_ROWS, MAX_UNPACKED)
    except TableError as error:
        raise ImportFileError(str(error)) from error


def _heading_map(header):
    columns = {}
    for position, heading in enumerate(header):
        key = re.sub(r"\s+", " ", heading.strip().lower())
        for name, aliases in HEADINGS.items():
            if key in aliases and name not in columns:
                columns[name] = position
    return columns


# Short names used in the union's own lists, besides the categories' full names.
CATEGORY_ALIASES = {
    "член профсоюза": "member", "кәсіподақ мүшесі": "member",
    "активист": "activist", "профактив": "activist", "профактивист": "activist", "белсенді": "activist",
    "председатель ппо": "primary_chair", "ппо төрағасы": "primary_chair",
    "член ревкомиссии": "audit_commission", "ревизионная комиссия": "audit_commission",
    "член согласительной комиссии": "conciliation_commission",
    "согласительная комиссия": "conciliation_commission",
    "молодой педагог": "young_teacher", "жас педагог": "young_teacher",
    "бухгалтер": "accountant", "кадровый резерв": "personnel_reserve",
}


def _category_names():
    """Every way a category may be written: its code, its name in each language, and the
    short names of CATEGORY_ALIASES."""
    names = dict(CATEGORY_ALIASES)
    for category in LearnerCategory:
        names[category.value] = category.value
        for language in ("en", "ru", "kk"):
            with translation.override(language):
                names[str(category.label).strip().lower()] = category.value
    return names


def _split_name(full_name):
    parts = full_name.split()
    if len(parts) == 1:
        return "", parts[0]
    return " ".join(parts[1:]), parts[0]  # first_name (given names), last_name


class MemberRow:
    __slots__ = ("line", "email", "first_name", "last_name", "organisation_key", "organisation_id",
                 "category", "position")

    def __init__(self, line):
        self.line = line
        self.organisation_id = None


def parse_rows(rows):
    """(a MemberRow per non-empty row, errors as dicts with row, column and message, the
    file's headings by column name), from (line, cells) pairs, the header first: a header
    without the needed columns is refused before any other row is read. The organisation
    column is checked later, against the database, for every row."""
    try:
        return _parse_rows(rows)
    except TableError as error:  # unreadable, an archive bomb, or more than MAX_ROWS rows
        raise ImportFileError(str(error)) from error


def _parse_rows(rows):
    _line, header = next(rows, (1, []))
    if not any(cell.strip() for cell in header):
        raise ImportFileError(_("The file is empty."))
    columns = _heading_map(header)
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns; missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    categories = _category_names()
    members, errors, seen = [], [], {}

    def cell(row, name):
        position = columns.get(name)
        return row[position].strip() if position is not None and position < len(row) else ""

    for line, row in rows:
        if not any(value.strip() for value in row):
            continue
        member, row_errors = MemberRow(line), []
        member.email = cell(row, "email").lower()
        try:
            validate_email(member.email)
        except ValidationError:
            row_errors.append(_error(line, "email", _("“%(value)s” is not an email address.")
                                     % {"value": member.email}))
        else:
            if member.email in seen:
                row_errors.append(_error(line, "email", _("The same email is already on row %(row)d.")
                                         % {"row": seen[member.email]}))
            seen.setdefault(member.email, line)
        full_name = " ".join(cell(row, "name").split())
        member.first_name, member.last_name = _split_name(full_name) if full_name else ("", "")
        if not full_name:
            row_errors.append(_error(line, "name", _("The name is empty.")))
        elif len(member.first_name) > FIELD_LENGTH["first_name"] or len(member.last_name) > 150:
            row_errors.append(_error(line, "name", _("The name is too long.")))
        member.organisation_key = " ".join(cell(row, "organisation").split())
        if not member.organisation_key:
            row_errors.append(_error(line, "organisation", _("The organisation is empty.")))
        category = cell(row, "category").lower()
        member.category = categories.get(category) if category else LearnerCategory.MEMBER.value
        if member.category is None:
            row_errors.append(_error(line, "category", _("“%(value)s” is not a learner category.")
                                     % {"value": cell(row, "category")}))
        member.position = cell(row, "position") if "position" in columns else None
        if member.position and len(member.position) > FIELD_LENGTH["position"]:
            row_errors.append(_error(line, "position", _("The position is longer than 255 characters.")))
        errors.extend(row_errors)
        members.append(member)
    headings = {name: header[position].strip() for name, position in columns.items()}
    return members, errors, headings


def _chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def resolve_organisations(members, root):
    """Set each row's organisation from its number or exact name within ``root``'s
    subtree; returns errors for rows whose organisation is unknown there or ambiguous."""
    subtree = Organisation.objects.under(root).order_by()
    numbers = {m.organisation_key for m in members if m.organisation_key.isdigit()}
    names = {m.organisation_key for m in members if not m.organisation_key.isdigit()}
    by_number = set()
    for chunk in _chunks(numbers):
        by_number.update(subtree.filter(pk__in=[int(n) for n in chunk]).values_list("pk", flat=True))
    by_name = {}
    for chunk in _chunks(names):
        for pk, name_ru, name_kk in subtree.filter(Q(name_ru__in=chunk) | Q(name_kk__in=chunk)).values_list(
            "pk", "name_ru", "name_kk"
        ):
            for name in {name_ru, name_kk} & set(chunk):
                by_name.setdefault(name, set()).add(pk)
    errors = []
    for member in members:
        key = member.organisation_key
        if key.isdigit():
            if int(key) in by_number:
                member.organisation_id = int(key)
                continue
            message = _("There is no organisation number %(value)s in %(scope)s.")
        else:
            found = by_name.get(key, set())
            if len(found) == 1:
                member.organisation_id = next(iter(found))
                continue
            message = (
                _("Several organisations in %(scope)s are called “%(value)s”: give its number instead.")
                if found else _("There is no organisation called “%(value)s” in %(scope)s.")
            )
        errors.append(_error(member.line, "organisation", message % {"value": key, "scope": root.name}))
    return errors


def _existing_accounts(emails):
    """{email: [account rows]} of the accounts with these emails (any case)."""
    found = {}
    for chunk in _chunks(emails):
        for row in (
            User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk)
            .values("pk", "email_lower", "first_name", "last_name", "is_staff", "is_superuser",
                    "profile__pk", "profile__organisation_id", "profile__organisation__path",
                    "profile__category", "profile__position")
        ):
            found.setdefault(row["email_lower"], []).append(row)
    return found


class Plan:
    """What committing the rows would do.

    ``elsewhere`` holds rows whose email belongs to an account the importing administrator
    may not see (another region's member, platform staff). They are left untouched and
    counted with the new rows, so the preview and the result say no more about them than
    about an address nobody uses."""

    def __init__(self):
        self.new, self.updated, self.unchanged, self.errors = [], [], [], []
        self.elsewhere = []

    @property
    def new_count(self):
        return len(self.new) + len(self.elsewhere)


def _differs(member, account):
    position = account["profile__position"] if member.position is None else member.position
    return (
        (account["first_name"], account["last_name"]) != (member.first_name, member.last_name)
        or account["profile__pk"] is None
        or account["profile__organisation_id"] != member.organisation_id
        or account["profile__category"] != member.category
        or (account["profile__position"] or "") != (position or "")
    )


def _within(account, root):
    """May an administrator of ``root`` see and change this account? Not staff, and not a
    member of an organisation outside the subtree (an account with no organisation yet is
    anyone's to claim)."""
    if account["is_staff"] or account["is_superuser"]:
        return False
    path = account["profile__organisation__path"]
    return path is None or path.startswith(root.path)


def plan_import(members, root, progress=None):
    """Sort the rows into new, updated and unchanged members, with errors for accounts the
    importing administrator may not change."""
    plan = Plan()
    accounts = {}
    done = 0
    for chunk in _chunks(members):
        accounts.update(_existing_accounts([m.email for m in chunk]))
        done += len(chunk)
        if progress:
            progress(done)
    for member in members:
        found = accounts.get(member.email, [])
        if not found:
            plan.new.append(member)
            continue
        visible = [account for account in found if _within(account, root)]
        if not visible:
            plan.elsewhere.append(member)
        elif len(found) > 1:
            message = _("Several accounts have this email; ask the platform administrators to merge them.")
            plan.errors.append(_error(member.line, "email", message))
        else:
            account = visible[0]
            (plan.updated if _differs(member, account) else plan.unchanged).append((member, account))
    return plan


def check_file(job, progress=None):
    """Read, validate and plan the import: (members, plan) with every error in the plan."""
    root = job.organisation
    members, errors, headings = parse_rows(read_table(job.file_name, bytes(job.content)))
    errors += resolve_organisations([m for m in members if m.organisation_key], root)
    bad_rows = {error["row"] for error in errors}
    plan = plan_import([m for m in members if m.line not in bad_rows], root, progress)
    plan.errors = sorted(errors + plan.errors, key=lambda e: (e["row"], e["column"]))
    for error in plan.errors:  # name the column as the file does ("Электронная почта")
        error["column"] = headings.get(error["column"], error["column"])
    return len(members), plan


def _kept(errors):
    if len(errors) <= MAX_ERRORS_KEPT:
        return errors
    rest = len(errors) - MAX_ERRORS_KEPT
    return errors[:MAX_ERRORS_KEPT] + [_error(None, "", _("… and %(n)d more mistakes.") % {"n": rest})]


# --- The job ---------------------------------------------------------------------------


def jobs_visible_to(user):
    """The imports of the organisations ``user`` administers, newest first, without the
    uploaded file's bytes."""
    return (
        MemberImport.objects.visible_to(user)
        .select_related("organisation", "requested_by").defer("content")
    )


def start_import(user, organisation, file_name, content):
    """An administrator uploads a file for ``organisation``'s subtree; a receiver queues
    the check once the job is saved."""
    check_organisation(user, organisation)
    if not user.has_perm("reports.add_memberimport"):
        raise PermissionDenied(_("You may not import members."))
    return MemberImport.objects.create(
        organisation=organisation, requested_by=user, file_name=file_name[:255], content=content
    )


def _save_progress(job_id, processed):
    MemberImport.objects.filter(pk=job_id).update(processed=processed)


def _language(job):
    """The importing administrator's language: the worker writes the mistakes in it."""
    profile = LearnerProfile.objects.filter(user_id=job.requested_by_id).only("language").first()
    return profile.language if profile else settings.LANGUAGE_CODE


def run_check(job_id):
    """The preview: count new, updated and unchanged rows and list every mistake."""
    job = MemberImport.objects.select_related("organisation").get(pk=job_id)
    if job.status != MemberImport.Status.CHECKING:
        return job
    with translation.override(_language(job)):
        return _check(job)


def _check(job):
    job_id = job.pk
    try:
        total, plan = check_file(job, progress=lambda n: _save_progress(job_id, n))
    except ImportFileError as error:
        job.errors, job.status = [_error(1, "", error)], MemberImport.Status.INVALID
        job.save(update_fields=["errors", "status"])
        return job
    job.total, job.processed = total, total
    job.new, job.updated, job.unchanged = plan.new_count, len(plan.updated), len(plan.unchanged)
    job.errors = _kept(plan.errors)
    job.status = MemberImport.Status.INVALID if plan.errors else MemberImport.Status.READY
    job.save(update_fields=["total", "processed", "new", "updated", "unchanged", "errors", "status"])
    return job


def request_commit(user, job):
    """Ask for a checked import without mistakes to be written; a receiver queues the work
    once this is saved. Returns False if the job is not ready (already committed, being
    committed, or with mistakes)."""
    check_organisation(user, job.organisation)
    if not user.has_perm("reports.add_memberimport"):
        raise PermissionDenied(_("You may not import members."))
    with transaction.atomic():
        locked = MemberImport.objects.select_for_update().get(pk=job.pk)
        if locked.status != MemberImport.Status.READY:
            return False
        locked.status, locked.processed = MemberImport.Status.IMPORTING, 0
        locked.save(update_fields=["status", "processed"])
    job.status, job.processed = locked.status, locked.processed
    return True


def progress_key(job_id):
    return f"reports:member-import:{job_id}:processed"


def current_progress(job):
    """Rows processed so far. While an import is being written its transaction hides the
    job's row from other connections, so the worker reports progress through the cache."""
    if job.status == MemberImport.Status.IMPORTING:
        return cache.get(progress_key(job.pk), 0)
    return job.processed


def _username(email, taken):
    base = email[:150]
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate, number = base[: 150 - len(suffix)] + suffix, number + 1
    taken.add(candidate)
    return candidate


def _create(members, group):
    emails = [m.email for m in members]
    taken = set(User.objects.filter(username__in=emails).values_list("username", flat=True))
    users = User.objects.bulk_create([
        User(username=_username(m.email, taken), email=m.email, first_name=m.first_name,
             last_name=m.last_name, password=make_password(None))
        for m in members
    ])
    LearnerProfile.objects.bulk_create([
        LearnerProfile(user_id=user.pk, organisation_id=m.organisation_id, category=m.category,
                       position=m.position or "")
        for user, m in zip(users, members, strict=True)
    ])
    EmailAddress.objects.bulk_create([
        EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True) for user in users
    ])
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=user.pk, group_id=group.pk) for user in users]
    )


def _update(pairs):
    users, profiles, missing = [], [], []
    for member, account in pairs:
        users.append(User(pk=account["pk"], first_name=member.first_name, last_name=member.last_name))
        position = account["profile__position"] if member.position is None else member.position
        profile = LearnerProfile(pk=account["profile__pk"], user_id=account["pk"],
                                 organisation_id=member.organisation_id, category=member.category,
                                 position=position or "")
        (profiles if account["profile__pk"] else missing).append(profile)
    User.objects.bulk_update(users, ["first_name", "last_name"])
    # The administrator's file sets the category: any claim of the member's is settled.
    LearnerProfile.objects.bulk_update(
        profiles, ["organisation", "category", "claimed_category", "position"]
    )
    LearnerProfile.objects.bulk_create(missing)


def run_commit(job_id, chunk=CHUNK):
    """Write a checked import, all or nothing. The file is checked again inside the
    transaction (accounts may have changed since the preview): any mistake now fails the
    whole import and writes nothing. Imports are written one at a time."""
    job = MemberImport.objects.select_related("organisation").get(pk=job_id)
    if job.status != MemberImport.Status.IMPORTING:
        return job
    with translation.override(_language(job)):
        return _commit(job, chunk)


def _commit(job, chunk):
    job_id = job.pk
    key = progress_key(job_id)
    cache.set(key, 0, timeout=24 * 3600)
    try:
        with transaction.atomic():
            # One import at a time: two files with the same new email must not both add it.
            list(Organisation.objects.select_for_update().filter(depth=1).values_list("pk", flat=True))
            total, plan = check_file(job)
            if plan.errors:
                raise ImportFileError(plan.errors)
            group = Group.objects.get(name=Role.MEMBER)
            done = len(plan.unchanged) + len(plan.elsewhere)
            cache.set(key, done, timeout=24 * 3600)
            for part in _chunks(plan.new, chunk):
                _create(part, group)
                done += len(part)
                cache.set(key, done, timeout=24 * 3600)
            for part in _chunks(plan.updated, chunk):
                _update(part)
                done += len(part)
                cache.set(key, done, timeout=24 * 3600)
            MemberImport.objects.filter(pk=job_id).update(
                status=MemberImport.Status.DONE, total=total, processed=total, new=plan.new_count,
                updated=len(plan.updated), unchanged=len(plan.unchanged), errors=[],
                finished_at=timezone.now(),
            )
    except ImportFileError as error:
        errors = error.args[0] if isinstance(error.args[0], list) else [_error(1, "", error)]
        MemberImport.objects.filter(pk=job_id).update(
            status=MemberImport.Status.FAILED, errors=_kept(errors), finished_at=timezone.now()
        )
    except Exception:
        MemberImport.objects.filter(pk=job_id).update(
            status=MemberImport.Status.FAILED, finished_at=timezone.now(),
            errors=[_error(None, "", _("The import stopped on an unexpected error; nothing was imported."))],
        )
        raise
    finally:
        cache.delete(key)
    job.refresh_from_db()
    return job


# --- A template to fill in -------------------------------------------------------------


def template_workbook(organisation):
    """An XLSX to fill in: the header row and an example, and a second sheet listing the
    organisations of the subtree with their numbers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Members")[:31]
    sheet.append(["name", "email", "organisation", "category", "position"])
    sheet.append(["Сейтқали Айгерім Ержанқызы", "aigerim@example.org", organisation.pk,
                  LearnerCategory.MEMBER.value, "учитель"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (36, 30, 14, 24, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    listing = workbook.create_sheet(_("Organisations")[:31])
    listing.append([_("Number"), _("Name in Russian"), _("Name in Kazakh"), _("Kind")])
    for cell in listing[1]:
        cell.font = Font(bold=True)
    for pk, name_ru, name_kk, kind in Organisation.objects.under(organisation).values_list(
        "pk", "name_ru", "name_kk", "kind"
    ):
        listing.append([pk, name_ru, name_kk, kind])
    categories = workbook.create_sheet(_("Categories")[:31])
    for category in LearnerCategory:
        categories.append([category.value, str(category.label)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
