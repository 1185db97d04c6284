"""A corpus of broken and hostile files against every importer. Each file gets a clear
error of the importer's own kind (never a crash), and the database is unchanged after
every rejection."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from content.models import WebinarRegistration
from content.services.attendance import AttendanceFileError, import_attendance
from lms.models import LearnerProfile, User
from quizzes.gift import GiftError
from quizzes.imports import MAX_FILE_BYTES as QUESTION_FILE_BYTES
from quizzes.imports import import_file
from quizzes.models import Option, Question
from reports.models import EventAttendance, MemberImport
from reports.services import member_import
from reports.services.event_attendance import AttendanceError, add_attendees, emails_from_file
from tests.content.factories import webinar, webinar_list_page
from tests.lms.factories import administrator, member
from tests.quizzes.factories import bank
from tests.reports.factories import training_event

pytestmark = pytest.mark.django_db


def _xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD_XLSX = _xlsx([["name", "email"], ["Әлия Құдайбергенова", "aliya@example.org"]])

CORPUS = {
    "truncated.xlsx": GOOD_XLSX[: len(GOOD_XLSX) // 2],
    "zip-bomb-ish.xlsx": b"PK\x03\x04" + b"\x00" * 4096,
    "renamed-pdf.xlsx": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "binary.csv": bytes(range(256)) * 8,
    "empty.csv": b"",
    "utf16.csv": "email\nқате@мысал.kz\n".encode("utf-16"),
    "huge.csv": b"email\n" + b"a" * (21 * 1024 * 1024),
    "script.csv": b"email\n<script>alert(1)</script>\n\"=HYPERLINK(\"\"http://evil\"\")\"\n",
}


def snapshot():
    return {
        "users": User.objects.count(),
        "profiles": LearnerProfile.objects.count(),
        "questions": Question.objects.count(),
        "options": Option.objects.count(),
        "event attendance": EventAttendance.objects.count(),
        "webinar attended": WebinarRegistration.objects.attended().count(),
    }


@pytest.fixture
def world(union):
    admin = administrator(union.region_a)
    trainer = member(union.school_a)
    trainer.groups.add(Group.objects.get(name="Trainers"))
    page = webinar(webinar_list_page(), starts_in=-timezone.timedelta(hours=2))
    WebinarRegistration.objects.create(webinar=page, user=member(union.school_a))
    return {
        "admin": admin,
        "region": union.region_a,
        "bank": bank(),
        "event": training_event(union.school_a, timezone.localdate()),
        "webinar": page,
    }


def import_questions(world, name, content):
    if len(content) > QUESTION_FILE_BYTES:  # the admin form refuses it before the parser
        raise GiftError([(0, "too large")])
    import_file(world["bank"], name, content)


def import_members(world, name, content):
    job = member_import.start_import(world["admin"], world["region"], name, content)
    job = member_import.run_check(job.pk)
    assert job.status == MemberImport.Status.INVALID, job.status
    assert all(error["message"] for error in job.errors) and job.errors
    assert not member_import.request_commit(world["admin"], job)  # a file with mistakes is never written
    raise member_import.ImportFileError(job.errors[0]["message"])


def import_event_attendance(world, name, content):
    add_attendees(world["admin"], world["event"], emails_from_file(name, content))


def import_webinar_attendance(world, name, content):
    import_attendance(world["webinar"], content)


IMPORTERS = {
    "questions": (import_questions, (GiftError,)),
    "members": (import_members, (member_import.ImportFileError,)),
    "event attendance": (import_event_attendance, (AttendanceError,)),
    "webinar attendance": (import_webinar_attendance, (AttendanceFileError,)),
}


@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize("file_name", CORPUS)
def test_each_bad_file_gets_a_clear_error_and_changes_nothing(world, importer, file_name):
    run, errors = IMPORTERS[importer]
    before = snapshot()
    with pytest.raises(errors) as refusal:
        run(world, file_name, CORPUS[file_name])
    assert str(refusal.value).strip(), "the error must say what is wrong"
    assert snapshot() == before
