"""The restore drill: a backup counts only once it has been restored.

A small union is generated into a database of its own (``generate_union`` needs an empty
one), a certificate's PDF is drawn and an image uploaded, then ``docker/backup.sh`` backs
it up and ``docker/restore.sh`` restores it into a second, new database and new
directories. The restored copy must hold the same rows in every table, answer the public
check page and the holder's PDF download as the original did (the very same PDF bytes,
read from the restored files), and give the same coverage report.

Why databases of its own, and why the application runs in child processes: the generator
test (``test_generate_union.py``) generates inside the test's transaction, which is rolled
back, but ``pg_dump`` runs outside and only sees committed rows. So the drill creates
``oqu_drill_<pid>_source`` and ``..._restored`` (the CI role has CREATEDB), migrates and
generates with ``manage.py`` in a child process, and measures each database with
``python -m tests.integration.test_restore_drill`` pointed at it by ``DATABASE_URL``. The
children run without ``REDIS_URL`` (tasks in-process, local cache, mail in memory), so the
CI worker, which serves the CI database, never gets a task meant for the drill's databases,
and nothing leaks between the two databases through a cache. Both are dropped at the end.
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = 2_000
MAIN_TABLES = [
    "lms_organisation", "lms_user", "lms_learnerprofile", "lms_enrolment", "lms_lessonprogress",
    "quizzes_attempt", "certificates_certificate", "content_webinarregistration",
    "reports_trainingevent", "reports_eventattendance", "wagtailcore_page", "wagtailimages_image",
]
DRILL_ADMIN = "drill-admin"

pytestmark = pytest.mark.integration


# --- The measurements, run in a child process against one database ----------------------

def _measure(prepare):
    """What a user of ``DATABASE_URL``'s database sees, as JSON on stdout. With ``prepare``
    (the original), first draw the PDF of the first course certificate, upload an image and
    add the administrator who reads the coverage report."""
    import django

    django.setup()
    import io

    from django.contrib.auth import get_user_model
    from django.core.files.images import ImageFile
    from django.test import Client
    from django.urls import reverse
    from PIL import Image as Picture
    from wagtail.images.models import Image

    from certificates.models import Certificate
    from lms.models import Enrolment, Organisation
    from reports.services.coverage import coverage_report

    certificates = Certificate.objects.valid().filter(kind="course").select_related("user")
    certificate = certificates.order_by("id").first()
    if prepare:
        picture = io.BytesIO()
        Picture.new("RGB", (40, 20), (0, 120, 200)).save(picture, "PNG")
        Image.objects.create(title="Drill", file=ImageFile(picture, name="drill.png"))
        get_user_model().objects.create_superuser(DRILL_ADMIN, "drill@example.org", None)
        assert not certificate.pdf, "generated certificates are drawn on first download"
    stored_before = bool(certificate.pdf) and certificate.pdf.storage.exists(certificate.pdf.name)

    holder = Client()
    holder.force_login(certificate.user)
    download = holder.get(reverse("certificates:download", args=[certificate.serial]))
    pdf = b"".join(download.streaming_content) if download.status_code == 200 else b""
    check = Client().get(reverse("certificates:verify", args=[certificate.code]))
    page = check.content.decode()
    facts = page[page.index('<dl class="facts">'):page.index("</dl>")] if check.status_code == 200 else ""

    image = Image.objects.get(title="Drill")
    with image.file.open("rb") as handle:
        image_bytes = handle.read()

    root = Organisation.get_first_root_node()
    year = Enrolment.objects.latest("enrolled_at").enrolled_at.year
    report = coverage_report(get_user_model().objects.get(username=DRILL_ADMIN), root, year)

    print(json.dumps({
        "certificate": {"serial": certificate.serial, "code": certificate.code,
                        "holder_name": certificate.holder_name, "title": certificate.title},
        "pdf_stored_before_download": stored_before,
        "download_status": download.status_code,
        "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
        "pdf_head": pdf[:5].decode("latin-1"),
        "check_status": check.status_code,
        "check_facts": facts,
        "image_sha256": hashlib.sha256(image_bytes).hexdigest(),
        "coverage": {
            "year": year,
            "total": [report.total.members, report.total.trained, report.total.cells()],
            "by_organisation": [[str(row.label), row.members, row.cells()]
                                for row in report.by_organisation],
            "by_year": [[row.year, row.trained] for row in report.by_year],
        },
    }))


# --- The drill --------------------------------------------------------------------------

def _database_url(name):
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connection():
    import psycopg

    return psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)


def _run(args, env, timeout=180):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result


def _app_env(database, media, private, var):
    """The application's settings for a child process on ``database``: embedded defaults but
    PostgreSQL, no Redis, mail kept in memory."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"REDIS_URL", "EMAIL_URL", "LMS_ENV", "ALLOWED_HOSTS", "SECRET_KEY"}}
    env.update(DATABASE_URL=_database_url(database), MEDIA_ROOT=str(media),
               PRIVATE_MEDIA_ROOT=str(private), LMS_VAR_DIR=str(var), EMAIL_URL="memorymail://",
               DEBUG="false", DJANGO_SETTINGS_MODULE="lms.settings")
    return env


def _measure_in(env, prepare=False):
    args = [sys.executable, "-m", "tests.integration.test_restore_drill"] + (["prepare"] if prepare else [])
    return json.loads(_run(args, env).stdout.strip().splitlines()[-1])


def _rows(database):
    """Rows of every table and the value of every sequence of ``database``."""
    import psycopg

    with psycopg.connect(_database_url(database)) as connection:
        tables = [name for (name,) in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
        rows = {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                for name in tables}
        sequences = dict(connection.execute(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"))
    return rows, sequences


@pytest.fixture(scope="module")
def drill(tmp_path_factory):
    base = tmp_path_factory.mktemp("drill")
    source, restored = f"oqu_drill_{os.getpid()}_source", f"oqu_drill_{os.getpid()}_restored"
    with _admin_connection() as admin:
        for name in (source, restored):
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        original = _app_env(source, base / "media", base / "private", base / "var")
        _run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], original)
        _run([sys.executable, "manage.py", "generate_union", "--members", str(MEMBERS),
              "--no-progress"], original)
        before = _measure_in(original, prepare=True)

        backups = base / "backups"
        backup_env = {**os.environ, "DATABASE_URL": _database_url(source), "BACKUP_DIR": str(backups),
                      "MEDIA_ROOT": str(base / "media"), "PRIVATE_MEDIA_ROOT": str(base / "private")}
        backup_log = _run(["bash", "docker/backup.sh"], backup_env).stderr
        rows_before = _rows(source)
        (backup,) = sorted(backups.glob(f"{source}-*Z"))

        refused = subprocess.run(
            ["bash", "docker/restore.sh", "--backup", str(backup), "--database", _database_url(source)],
            cwd=ROOT, env=os.environ, capture_output=True, text=True, timeout=60,
        )
        restore_log = _run(
            ["bash", "docker/restore.sh", "--backup", backup.name, "--database", _database_url(restored),
             "--media-dir", str(base / "restored-media"), "--private-dir", str(base / "restored-private")],
            {**os.environ, "BACKUP_DIR": str(backups)},
        ).stderr
        rows_after = _rows(restored)
        copy = _app_env(restored, base / "restored-media", base / "restored-private", base / "var")
        after = _measure_in(copy)
        yield {
            "backup": backup, "backup_log": backup_log, "restore_log": restore_log,
            "refused": refused, "rows_source": _rows(source),
            "rows_before": rows_before, "rows_after": rows_after, "before": before, "after": after,
            "base": base,
        }
    finally:
        with _admin_connection() as admin:
            for name in (source, restored):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_backup_holds_the_dump_the_files_and_their_checksums(drill):
    names = sorted(path.name for path in drill["backup"].iterdir())
    assert names == ["MANIFEST", "SHA256SUMS", "database.dump", "media.tar.gz", "private.tar.gz"]
    sums = (drill["backup"] / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == 4
    for line in sums:
        digest, name = line.split(maxsplit=1)
        assert hashlib.sha256((drill["backup"] / name).read_bytes()).hexdigest() == digest
    manifest = (drill["backup"] / "MANIFEST").read_text()
    assert "database=oqu_drill_" in manifest and "tables=" in manifest
    assert not list(drill["backup"].parent.glob("*.partial"))
    assert (drill["backup"].parent / "last-success").exists()


def test_every_table_has_the_same_rows_after_the_restore(drill):
    rows_before, sequences_before = drill["rows_before"]
    rows_after, sequences_after = drill["rows_after"]
    assert len(rows_before) > 100
    for table in MAIN_TABLES:
        assert rows_before[table] > 0, table
    assert rows_before["lms_learnerprofile"] == MEMBERS + 1  # and the drill's administrator
    assert rows_after == rows_before
    # The sequences too: a new row in the restored database does not collide with an old one.
    assert sequences_after == sequences_before
    # The refused restore (below) left the original as it was.
    assert drill["rows_source"] == drill["rows_before"]


def test_the_public_check_page_answers_the_same_from_the_restored_database(drill):
    before, after = drill["before"], drill["after"]
    assert after["certificate"] == before["certificate"]
    assert before["check_status"] == after["check_status"] == 200
    assert after["check_facts"] == before["check_facts"]
    assert before["certificate"]["holder_name"] in after["check_facts"]
    assert before["certificate"]["title"] in after["check_facts"]


def test_the_holder_downloads_the_same_pdf_from_the_restored_files(drill):
    before, after = drill["before"], drill["after"]
    assert before["download_status"] == after["download_status"] == 200
    assert before["pdf_head"] == "%PDF-"
    # The original drew it on this first download; the restored copy streams the file
    # unpacked from the backup (it was there before the download), byte for byte.
    assert not before["pdf_stored_before_download"]
    assert after["pdf_stored_before_download"]
    assert after["pdf_sha256"] == before["pdf_sha256"]
    restored_pdfs = list((drill["base"] / "restored-private").rglob("*.pdf"))
    assert len(restored_pdfs) == 1
    assert hashlib.sha256(restored_pdfs[0].read_bytes()).hexdigest() == before["pdf_sha256"]
    # An uploaded image came back with the media files.
    assert after["image_sha256"] == before["image_sha256"]


def test_the_coverage_report_is_the_same(drill):
    before, after = drill["before"]["coverage"], drill["after"]["coverage"]
    assert before["total"][0] == MEMBERS and before["total"][1] > 0
    assert after == before


def test_restore_refuses_a_database_that_is_not_empty(drill):
    refused = drill["refused"]
    assert refused.returncode != 0
    assert "refusing to restore over existing data" in refused.stderr
    assert "pg_restore" not in refused.stderr  # it stopped before restoring anything


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    _measure(prepare=sys.argv[1:] == ["prepare"])
