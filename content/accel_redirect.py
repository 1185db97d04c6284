"""A sendfile backend for Wagtail's document view (``SENDFILE_BACKEND``) behind nginx: once
the view has let the visitor in (``content.services.documents``), the answer carries only
``X-Accel-Redirect`` to an internal location of nginx's (docker/nginx.conf), and nginx sends
the file itself: with byte ranges, so a lesson's video seeks, and without holding one of the
application's few workers for the whole download. That location is ``internal``: no request
from outside reaches it, so a document is still served only through the view.

On when ``DOCUMENTS_ACCEL_REDIRECT_URL`` is set (compose sets it); otherwise the application
streams documents itself (``lms.byte_ranges`` answers ranges there).
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse

FOLDER = "documents"  # the only folder under MEDIA_ROOT that the internal location serves


def internal_address(filename):
    """The internal location's address of ``filename``, a file under MEDIA_ROOT/documents."""
    folder = (Path(settings.MEDIA_ROOT) / FOLDER).resolve()
    path = Path(filename).resolve()
    if not path.is_relative_to(folder):
        raise SuspiciousFileOperation(f"{filename} is not under {folder}")
    parts = path.relative_to(folder).parts
    return "/".join([settings.DOCUMENTS_ACCEL_REDIRECT_URL.rstrip("/"), FOLDER,
                     *(quote(part) for part in parts)])


def sendfile(request, filename, **kwargs):
    """Wagtail's ``sendfile`` adds the type, name and length to this answer."""
    response = HttpResponse()
    response["X-Accel-Redirect"] = internal_address(filename)
    return response
