"""Files uploaded in the admin are checked by content, and nothing that could run script
on the site gets in or is served inline."""

import functools
import io
import random
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from content.uploads import UploadRefused, check_upload
from lms import archives
from lms.roles import Role
from tests.content.factories import PDF_BYTES, document, with_role

pytestmark = pytest.mark.django_db

HTML_AS_PDF = (
    b"<!DOCTYPE html><html><body><script>fetch('/admin/').then(r => r.text())</script></body></html>"
)
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def office_file(part, content="<document/>"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, content)
    return buffer.getvalue()


ODT_TYPE = b"application/vnd.oasis.opendocument.text"
BOMB_BYTES = 300 * 2**20  # what a 300 KB file from the outside probe unpacked to


def odt_file(content=b"<office:document-content/>"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODT_TYPE)  # stored, first, as ODF wants
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


@functools.cache
def bomb(kind, entry, head=b"", filler=b"\0"):
    """A small .docx or .odt whose ``entry`` unpacks to BOMB_BYTES: ``head`` and then
    ``filler`` over and over. Written a megabyte at a time, so building it stays light."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if kind == "odt" and entry != "mimetype":
            archive.writestr(zipfile.ZipInfo("mimetype"), ODT_TYPE)
        if kind == "docx":
            archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(entry, "w") as part:
            part.write(head)
            chunk = filler * (2**20 // len(filler))
            for _ in range((BOMB_BYTES - len(head)) // len(chunk)):
                part.write(chunk)
    return buffer.getvalue()


def peak_memory_of(check):
    tracemalloc.start()
    try:
        check()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


@pytest.fixture
def trainer(client):
    user = with_role(Role.TRAINER)
    client.force_login(user)
    return user


def upload_document(client, name, content):
    return client.post(reverse("wagtaildocs:add"), {
        "title": name, "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, content),
    })


def upload_image(client, name, content):
    return client.post(reverse("wagtailimages:add"), {
        "title": name, "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, content),
    })


def file_errors(response):
    return " ".join(response.context["form"].errors.get("file", []))


# --- Through the admin ----------------------------------------------------------------------


def test_a_real_pdf_is_accepted(client, trainer):
    response = upload_document(client, "памятка.pdf", PDF_BYTES)

    assert response.status_code == 302
    assert get_document_model().objects.get().file_extension == "pdf"


def test_a_web_page_named_pdf_is_refused_and_nothing_is_stored(client, trainer):
    response = upload_document(client, "report.pdf", HTML_AS_PDF)

    assert response.status_code == 200
    assert "report.pdf" in file_errors(response) and "script" in file_errors(response)
    assert not get_document_model().objects.exists()


def test_an_svg_with_script_is_refused_as_a_document_whatever_its_name(client, trainer):
    for name in ["drawing.svg", "drawing.png", "drawing.txt"]:
        response = upload_document(client, name, SVG_WITH_SCRIPT)
        assert response.status_code == 200 and file_errors(response), name
    assert not get_document_model().objects.exists()


def test_an_svg_with_script_is_refused_as_an_image(client, trainer):
    for name in ["logo.svg", "logo.png"]:
        response = upload_image(client, name, SVG_WITH_SCRIPT)
        assert response.status_code == 200 and file_errors(response), name
    assert not get_image_model().objects.exists()


def test_a_real_png_image_is_accepted(client, trainer):
    assert upload_image(client, "chart.png", png_bytes()).status_code == 302
    assert get_image_model().objects.count() == 1


def test_an_oversized_file_is_refused(client, trainer, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024

    response = upload_document(client, "big.pdf", PDF_BYTES + b"0" * 2048)

    assert response.status_code == 200
    assert "file_too_large" in [error.code for error in response.context["form"].errors.as_data()["file"]]
    assert not get_document_model().objects.exists()


def test_the_multiple_uploader_refuses_a_fake_pdf_too(client, trainer):
    response = client.post(reverse("wagtaildocs:add_multiple"), {
        "files[]": SimpleUploadedFile("report.pdf", HTML_AS_PDF),
        "collection": Collection.get_first_root_node().pk,
    })

    assert response.json()["success"] is False
    assert not get_document_model().objects.exists()


# --- The content check itself ---------------------------------------------------------------


ALLOWED = {"pdf", "docx", "pptx", "xlsx", "odt", "txt", "csv", "png", "jpg", "mp4"}


@pytest.mark.parametrize("name, content", [
    ("guide.docx", office_file("word/document.xml")),
    ("essay.odt", odt_file()),
    # Packed tighter than 100 to 1, but small: a long table of empty cells
    ("long-table.docx", office_file("word/document.xml", "<w:tc><w:p/></w:tc>" * 40_000)),
    ("slides.pptx", office_file("ppt/presentation.xml")),
    ("table.xlsx", office_file("xl/workbook.xml")),
    ("list.csv", "email;ФИО\nivanova@example.org;Иванова\n".encode()),
    ("notes.txt", "Мұғалімдердің құқықтары".encode()),
    ("notes-1251.txt", "Права учителей".encode("cp1251")),
    ("chart.png", png_bytes()),
    ("lecture.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64),
])
def test_files_whose_content_matches_their_name_pass(name, content):
    assert check_upload(SimpleUploadedFile(name, content), ALLOWED) == name.rsplit(".", 1)[1]


@pytest.mark.parametrize("name, content, code", [
    ("guide.docx", office_file("xl/workbook.xml"), "content_mismatch"),  # a spreadsheet renamed
    ("guide.docx", PDF_BYTES, "content_mismatch"),
    ("chart.png", PDF_BYTES, "content_mismatch"),
    ("lecture.mp4", b"just text", "content_mismatch"),
    ("list.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "content_mismatch"),
    ("page.txt", b"  <html><body>hi</body></html>", "markup"),
    ("page.pdf", b"\xef\xbb\xbf<svg onload=alert(1)>", "markup"),
    ("page.html", b"<p>hi</p>", "file_type"),
    ("program.exe", b"MZ\x90\x00", "file_type"),
])
def test_files_whose_content_is_not_what_their_name_says_are_refused(name, content, code):
    with pytest.raises(UploadRefused) as refusal:
        check_upload(SimpleUploadedFile(name, content), ALLOWED)

    assert refusal.value.code == code


# --- Archive bombs -----------------------------------------------------------------------------


@pytest.mark.parametrize("name, content", [
    # The probe's file: OpenDocument's "mimetype" entry, right but for 300 MB of spaces after it
    ("essay.odt", lambda: bomb("odt", "mimetype", head=ODT_TYPE, filler=b" ")),
    ("essay.odt", lambda: bomb("odt", "content.xml")),
    ("guide.docx", lambda: bomb("docx", "word/document.xml")),
], ids=["odt-mimetype", "odt-content", "docx-document"])
def test_an_archive_bomb_is_refused_by_name_before_it_is_unpacked(name, content):
    upload = SimpleUploadedFile(name, content())
    assert len(upload) < 2**20

    def check():
        with pytest.raises(UploadRefused) as refusal:
            check_upload(upload, ALLOWED)
        assert refusal.value.code == "archive"
        assert name in refusal.value.messages[0] and "100" in refusal.value.messages[0]

    assert peak_memory_of(check) < 20 * 2**20


def test_an_archive_of_too_many_entries_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
        for number in range(archives.MAX_ENTRIES):
            archive.writestr(f"word/media/{number}.xml", b"")

    with pytest.raises(UploadRefused) as refusal:
        check_upload(SimpleUploadedFile("guide.docx", buffer.getvalue()), ALLOWED)

    assert refusal.value.code == "archive"
    message = refusal.value.messages[0]
    assert "guide.docx" in message and str(archives.MAX_ENTRIES) in message


def test_an_archive_declaring_too_many_entries_is_refused_before_its_directory_is_read(monkeypatch):
    content = bytearray(office_file("word/document.xml"))
    end = content.rindex(b"PK\x05\x06")
    content[end + 8:end + 12] = (0xFFFF).to_bytes(2, "little") * 2  # entries on this disk, in all
    opened = []
    monkeypatch.setattr(archives.zipfile, "ZipFile", lambda *args, **kwargs: opened.append(args))

    with pytest.raises(UploadRefused) as refusal:
        check_upload(SimpleUploadedFile("guide.docx", bytes(content)), ALLOWED)

    assert refusal.value.code == "archive" and not opened


def test_an_archive_unpacking_to_more_than_its_limit_is_refused():
    unpacked = random.Random(7).randbytes(1_200_000)  # does not pack at all
    content = office_file("word/document.xml", unpacked)

    with pytest.raises(archives.ArchiveRefused) as refusal:
        with archives.open_archive(io.BytesIO(content), "guide.docx", max_unpacked=2**20):
            pass

    assert "guide.docx" in str(refusal.value)
    with archives.open_archive(io.BytesIO(content), "guide.docx", max_unpacked=2 * 2**20) as archive:
        assert archives.read_entry(archive, "word/document.xml", 10) == unpacked[:10]


# --- Serving -----------------------------------------------------------------------------------


def test_a_markup_file_stored_before_the_checks_is_served_as_an_attachment_that_runs_nothing(client):
    legacy = document("old-page.html", HTML_AS_PDF)
    client.force_login(with_role(Role.TRAINER))  # a file used nowhere is for editors only

    response = client.get(legacy.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Videos and their captions -------------------------------------------------------------------

CLIP = (Path(__file__).parents[1] / "data" / "clip.webm").read_bytes()  # 1.5 s of VP8 from Chromium
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:01.500\nКәсіподақ — біз бірге!\n".encode()
SUBRIP = "1\n00:00:00,000 --> 00:00:01,500\nКәсіподақ\n".encode()
VIDEO_AND_CAPTIONS = {"mp4", "webm", "vtt"}


def test_a_real_webm_video_and_its_captions_are_accepted(client, trainer):
    assert upload_document(client, "лекция.webm", CLIP).status_code == 302
    assert upload_document(client, "лекция.vtt", CAPTIONS).status_code == 302
    assert sorted(doc.file_extension for doc in get_document_model().objects.all()) == ["vtt", "webm"]


@pytest.mark.parametrize("name, content", [
    ("lecture.webm", CLIP),
    ("captions.vtt", CAPTIONS),
    ("captions.vtt", "\ufeffWEBVTT - Лекция\r\n\r\n".encode()),  # a byte order mark, a title
    ("captions.vtt", b"WEBVTT"),  # nothing but the signature
])
def test_videos_and_captions_whose_content_matches_their_name_pass(name, content):
    assert check_upload(SimpleUploadedFile(name, content), VIDEO_AND_CAPTIONS) == name.rsplit(".", 1)[1]


@pytest.mark.parametrize("name, content, code", [
    ("lecture.mp4", CLIP, "content_mismatch"),  # a WebM renamed .mp4
    ("lecture.mp4", PDF_BYTES, "content_mismatch"),
    ("lecture.webm", b"\x1a\x45\xdf\xa3\x42\x82\x88matroska" + b"\x00" * 32, "content_mismatch"),  # MKV
    ("lecture.webm", HTML_AS_PDF, "markup"),
    ("captions.vtt", SUBRIP, "captions_format"),  # SubRip renamed .vtt
    ("captions.vtt", b"WEBVTTX\n\n", "captions_format"),
    ("captions.vtt", b"\nWEBVTT\n", "captions_format"),
    ("captions.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nҚазақша\n".encode("cp1251", "replace")
     + "Профсоюз".encode("cp1251"), "captions_encoding"),
    ("captions.vtt", PDF_BYTES, "captions_format"),
    ("captions.vtt", png_bytes(), "captions_encoding"),
    ("captions.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\n<script>alert(1)</script>\n", "markup"),
])
def test_videos_and_captions_that_are_not_what_their_name_says_are_refused(name, content, code):
    with pytest.raises(UploadRefused) as refusal:
        check_upload(SimpleUploadedFile(name, content), VIDEO_AND_CAPTIONS)

    assert refusal.value.code == code
    assert name in refusal.value.messages[0]


def test_each_kind_of_document_has_its_own_size_limit(client, trainer, settings):
    settings.VIDEO_MAX_UPLOAD_SIZE = 1024
    settings.CAPTIONS_MAX_UPLOAD_SIZE = 32
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 10 * len(CLIP)

    for name, content, limit in [("лекция.webm", CLIP, "1.0"), ("лекция.vtt", CAPTIONS, "32")]:
        response = upload_document(client, name, content)
        assert response.status_code == 200, name
        assert "file_too_large" in [error.code for error in response.context["form"].errors.as_data()["file"]]
        assert name in file_errors(response) and f"at most {limit}" in file_errors(response)
    assert not get_document_model().objects.exists()
    assert upload_document(client, "памятка.pdf", PDF_BYTES + b"0" * len(CLIP)).status_code == 302


def test_videos_may_be_larger_than_other_documents_by_default(settings):
    assert settings.VIDEO_MAX_UPLOAD_SIZE == 500 * 2**20 > settings.DOCUMENT_MAX_UPLOAD_SIZE
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == settings.VIDEO_MAX_UPLOAD_SIZE
    assert settings.CAPTIONS_MAX_UPLOAD_SIZE <= 2 * 2**20
