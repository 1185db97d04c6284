"""A corpus of broken and hostile files against every importer. Each file gets a clear
error of the importer's own kind (never a crash), and the database is unchanged after
every rejection. Long files are refused after the header or at the importer's row limit,
not after reading every row, and archive bombs named .xlsx before anything is unpacked."""

import io
import tracemalloc
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from content.models import WebinarRegistration
from content.services import attendance as webinar_attendance
from content.services.attendance import AttendanceFileError, import_attendance
from lms.models import LearnerProfile, User
from quizzes import imports as question_imports
from quizzes.gift import GiftError
from quizzes.imports import MAX_FILE_BYTES as QUESTION_FILE_BYTES
from quizzes.imports import import_file
from quizzes.models import Option, Question
from reports.models import EventAttendance, MemberImport
from reports.services import event_attendance, member_import
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
    "long-field.csv": b'email\n"' + b"a" * 200_000 + b'"\n',  # longer than the csv module reads
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


# --- Long files and archive bombs ------------------------------------------------------------


def _with_sheet(sheet):
    """GOOD_XLSX with its sheet's XML swapped for ``sheet`` (bytes, or chunks of bytes
    written one by one), deflated as it is written."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(GOOD_XLSX)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename != "xl/worksheets/sheet1.xml":
                target.writestr(entry.filename, source.read(entry))
                continue
            with target.open(entry.filename, "w") as part:
                for chunk in [sheet] if isinstance(sheet, bytes) else sheet:
                    part.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def headless_xlsx():
    """400,000 rows holding a number and no header row, like the outside probe's file;
    written straight as XML, where openpyxl would take half a minute."""
    rows = "".join(f'<row r="{line}"><c><v>1</v></c></row>' for line in range(1, 400_001))
    return _with_sheet(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:A400000"/><sheetData>{rows}</sheetData></worksheet>'.encode()
    )


@pytest.fixture(scope="session")
def bomb_xlsx():
    """A 300 KB .xlsx whose sheet unpacks to 300 MB."""
    start = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    return _with_sheet([start, *[b"\0" * 2**20] * 300])


HEADER = ["kind", "question", "answer", "name", "email", "organisation"]  # what each importer needs


def _long_rows(count):
    rows = [HEADER] + [
        ["true_false", f"Вопрос {n}?", "да", f"Иванова Айгерим {n}", f"member{n}@example.org", "1"]
        for n in range(1, count)
    ]
    return {"xlsx": _xlsx(rows), "csv": "\n".join(";".join(row) for row in rows).encode()}


# The row limit each importer reads (lowered in the tests, so the files stay small).
ROW_LIMITS = {
    "questions": (question_imports, "MAX_QUESTIONS"),
    "members": (member_import, "MAX_ROWS"),
    "event attendance": (event_attendance, "MAX_ROWS"),
    "webinar attendance": (webinar_attendance, "MAX_ROWS"),
}
# A word the importer's message about a wrong header names, in any language. (Webinar
# attendance reads CSV only: to it an XLSX is no text at all.)
HEADER_WORDS = {"questions": "question", "members": "organisation", "event attendance": "email"}


@pytest.fixture
def rows_read(monkeypatch):
    """How many rows openpyxl hands out to the importer."""
    count = []
    rows = ReadOnlyWorksheet._cells_by_row

    def counted(self, *args, **kwargs):
        for row in rows(self, *args, **kwargs):
            count.append(1)
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counted)
    return count


def refusal_of(world, importer, name, content):
    run, errors = IMPORTERS[importer]
    before = snapshot()
    with pytest.raises(errors) as refusal:
        run(world, name, content)
    assert snapshot() == before
    return str(refusal.value)


@pytest.mark.parametrize("importer", IMPORTERS)
def test_a_long_file_without_a_header_is_refused_at_its_first_row(world, importer, headless_xlsx, rows_read):
    message = refusal_of(world, importer, "list.xlsx", headless_xlsx)

    assert HEADER_WORDS.get(importer, "") in message
    assert len(rows_read) <= 2  # the header, and maybe one row more: not 400,000


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("importer", IMPORTERS)
def test_a_file_over_the_row_limit_is_refused_naming_the_limit(world, importer, kind, monkeypatch, rows_read):
    if importer == "webinar attendance" and kind == "xlsx":
        pytest.skip("webinar attendance is read from the CSV the webinar platform gives")
    module, setting = ROW_LIMITS[importer]
    monkeypatch.setattr(module, setting, 40)

    message = refusal_of(world, importer, f"list.{kind}", _long_rows(60)[kind])

    assert "40" in message
    assert len(rows_read) <= 42


@pytest.mark.parametrize("importer", IMPORTERS)
def test_a_zip_bomb_named_xlsx_is_refused_before_it_is_unpacked(world, importer, bomb_xlsx, rows_read):
    assert len(bomb_xlsx) < 2**20
    tracemalloc.start()
    try:
        message = refusal_of(world, importer, "bomb.xlsx", bomb_xlsx)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    if importer != "webinar attendance":  # it reads CSV only: this is no table to it
        assert "bomb.xlsx" in message
    assert not rows_read
    assert peak < 20 * 2**20


def test_a_gift_file_over_the_question_limit_is_refused_naming_the_limit(world, monkeypatch):
    monkeypatch.setattr(question_imports, "MAX_QUESTIONS", 40)
    text = "\n\n".join(f"Вопрос {n}? {{T}}" for n in range(1, 61))

    message = refusal_of(world, "questions", "bank.gift", text.encode())

    assert "40" in message and "line 81" in message  # where the 41st question starts
