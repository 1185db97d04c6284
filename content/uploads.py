"""Checks on files uploaded in the Wagtail admin: the type is read from the content, not
from the name, and nothing that a browser would run as a web page (HTML, SVG, XML) gets in.

Wagtail's own checks stay in force before these: the extension list
(``WAGTAILDOCS_EXTENSIONS``, ``WAGTAILIMAGES_EXTENSIONS``) and the size limits
(``WAGTAILDOCS_MAX_UPLOAD_SIZE``, the largest of ours, and ``WAGTAILIMAGES_MAX_UPLOAD_SIZE``).
Ours then hold each kind of document to its own size (``size_limit``): videos
(``VIDEO_MAX_UPLOAD_SIZE``), WebVTT captions (``CAPTIONS_MAX_UPLOAD_SIZE``; they must also be
UTF-8 text that starts with "WEBVTT") and every other document (``DOCUMENT_MAX_UPLOAD_SIZE``).
Settings plug the forms in: ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` and
``WAGTAILIMAGES_IMAGE_FORM_BASE``.
"""

import os
import re

import filetype
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from lms.archives import DAMAGED, ArchiveRefused, open_archive, read_entry

SNIFF_BYTES = 8192
# Markup a browser could render and run script in, wherever it starts in the first bytes.
_MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|\?xml)\b", re.I)

# Extension → the types its content may have, as detected by ``filetype``.
DETECTED_TYPES = {
    "pdf": {"application/pdf"},
    "png": {"image/png"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "gif": {"image/gif"},
    "webp": {"image/webp"},
    "mp4": {"video/mp4", "video/x-m4v"},
    "webm": {"video/webm"},
}
# Office files are ZIP archives holding a part that names their kind.
ZIP_PARTS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
TEXT_EXTENSIONS = {"txt", "csv"}
VIDEO_EXTENSIONS = {"mp4", "webm"}
CAPTIONS_EXTENSIONS = {"vtt"}
# The WebVTT signature: an optional byte order mark, "WEBVTT", then a space, tab or line end.
_WEBVTT = re.compile(r"\ufeff?WEBVTT(?:[ \t\r\n]|\Z)")
MIMETYPE_BYTES = 256  # an OpenDocument "mimetype" entry holds one short line


class UploadRefused(forms.ValidationError):
    pass


def _head(upload):
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


def _zip_holds(upload, name, part, opendocument_type=None):
    """Whether the archive holds ``part`` (or, for OpenDocument, the "mimetype" entry naming
    ``opendocument_type``), reading a bounded number of bytes. An archive bomb is refused
    before anything in it is unpacked."""
    upload.seek(0)
    try:
        with open_archive(upload, name) as archive:
            names = set(archive.namelist())
            if opendocument_type is not None:
                return ("mimetype" in names
                        and read_entry(archive, "mimetype", MIMETYPE_BYTES).strip() == opendocument_type)
            return part in names
    except ArchiveRefused as refusal:
        raise UploadRefused(str(refusal), code="archive") from refusal
    except DAMAGED:
        return False
    finally:
        upload.seek(0)


def _is_plain_text(head):
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1251"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            # The sniffed bytes may end in the middle of a UTF-8 character.
            if encoding == "utf-8" and error.start >= len(head) - 3:
                return True
    return False


def size_limit(extension):
    """The largest document of this type that may be uploaded, in bytes."""
    if extension in VIDEO_EXTENSIONS:
        return settings.VIDEO_MAX_UPLOAD_SIZE
    if extension in CAPTIONS_EXTENSIONS:
        return settings.CAPTIONS_MAX_UPLOAD_SIZE
    return settings.DOCUMENT_MAX_UPLOAD_SIZE


def _check_size(upload, name, extension, limit):
    if limit is not None and upload.size is not None and upload.size > limit:
        raise UploadRefused(
            _("“%(name)s” is too big (%(size)s): a .%(extension)s file may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size), "extension": extension,
               "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def _check_captions(upload, name):
    """WebVTT captions: UTF-8 text whose first line is "WEBVTT" (the size is checked before,
    so reading it all is bounded)."""
    upload.seek(0)
    content = upload.read(settings.CAPTIONS_MAX_UPLOAD_SIZE + 1)
    upload.seek(0)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UploadRefused(
            _("“%(name)s” is not UTF-8 text. Save the captions as UTF-8 and upload them again.")
            % {"name": name},
            code="captions_encoding",
        ) from error
    if not _WEBVTT.match(text):
        raise UploadRefused(
            _("“%(name)s” is not a WebVTT captions file: its first line must be WEBVTT.")
            % {"name": name},
            code="captions_format",
        )


def check_upload(upload, allowed_extensions, limit=None):
    """Raise UploadRefused unless ``upload``'s content is of the type its name says, the
    type is allowed and, given ``limit`` (extension → bytes), the file is not larger than
    its type's limit. Returns the extension."""
    name = upload.name or ""
    extension = os.path.splitext(name)[1].lstrip(".").lower()
    if extension not in allowed_extensions:
        raise UploadRefused(
            _("Files of type .%(extension)s cannot be uploaded. Allowed: %(allowed)s.")
            % {"extension": extension or "?", "allowed": ", ".join(sorted(allowed_extensions))},
            code="file_type",
        )
    _check_size(upload, name, extension, limit(extension) if limit else None)
    head = _head(upload)
    if _MARKUP.search(head[:2048]):
        raise UploadRefused(
            _("“%(name)s” is a web page or an SVG/XML file, whatever its name says: such files "
              "could run script on the site and are refused.") % {"name": name},
            code="markup",
        )
    detected = filetype.guess(head)
    if extension in CAPTIONS_EXTENSIONS:
        _check_captions(upload, name)
        fits = detected is None
    elif extension in TEXT_EXTENSIONS:
        fits = detected is None and _is_plain_text(head)
    elif extension in ZIP_PARTS:
        fits = _zip_holds(upload, name, ZIP_PARTS[extension])
    elif extension in OPENDOCUMENT_TYPES:
        fits = _zip_holds(upload, name, None, OPENDOCUMENT_TYPES[extension])
    else:
        fits = detected is not None and detected.mime in DETECTED_TYPES.get(extension, set())
    if not fits:
        raise UploadRefused(
            _("The content of “%(name)s” is not a .%(extension)s file (it looks like %(found)s). "
              "Save it again in its real format and upload that.")
            % {"name": name, "extension": extension,
               "found": detected.mime if detected else _("something else")},
            code="content_mismatch",
        )
    return extension


def _checked(form, field_name, setting_extensions, limit=None):
    upload = form.cleaned_data.get(field_name)
    if isinstance(upload, UploadedFile):  # a new file; an unchanged one was checked before
        check_upload(upload, set(setting_extensions), limit)
    return upload


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form with the content check (``WAGTAILDOCS_DOCUMENT_FORM_BASE``)."""

    def clean_file(self):
        return _checked(self, "file", settings.WAGTAILDOCS_EXTENSIONS, size_limit)


class ImageForm(BaseImageForm):
    """Wagtail's image form with the content check (``WAGTAILIMAGES_IMAGE_FORM_BASE``)."""

    def clean_file(self):
        return _checked(self, "file", settings.WAGTAILIMAGES_EXTENSIONS)
