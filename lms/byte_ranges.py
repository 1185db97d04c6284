"""Byte ranges (RFC 9110, section 14) for the files the application streams itself: a
lesson's video through Wagtail's document view, uploaded images in the embedded mode.

A browser seeks in a video by asking for the part it needs (``Range: bytes=1000-``); Django
answers every request with the whole file. ``ByteRangeMiddleware`` cuts a ``FileResponse``
of known length to the one range asked for, after the view has run, so a document's
permission check (``content.services.documents``) still decides every request. Several
ranges in one request, or a range that cannot be read, get the whole file, as the RFC
allows; a range past the end gets 416. Static files have their own (WhiteNoise, nginx); in
production nginx sends the documents themselves (``X-Accel-Redirect``, docker/nginx.conf).
"""

import re

from django.http import FileResponse, HttpResponse

_RANGE = re.compile(r"bytes=(?:(?P<start>\d+)-(?P<end>\d*)|-(?P<suffix>\d+))")
UNSATISFIABLE = "unsatisfiable"


def requested_range(header, size):
    """(first, last) byte of the one range ``header`` asks for in a file of ``size`` bytes;
    UNSATISFIABLE when it lies past the end; None when the header is to be ignored (several
    ranges, or not a range at all)."""
    match = _RANGE.fullmatch(header.strip())
    if match is None:
        return None
    if match["suffix"] is not None:
        length = int(match["suffix"])
        if length == 0 or size == 0:
            return UNSATISFIABLE
        return max(0, size - length), size - 1
    first = int(match["start"])
    if match["end"] and int(match["end"]) < first:
        return None
    if first >= size:
        return UNSATISFIABLE
    return first, min(int(match["end"] or size - 1), size - 1)


def _still_current(request, response):
    """False when ``If-Range`` names another version than the one being sent (then the whole
    file goes out); a weak validator never matches."""
    condition = request.headers.get("If-Range")
    if condition is None:
        return True
    if condition.startswith('"'):
        return condition == response.get("ETag")
    return condition == response.get("Last-Modified")


def _read(file, length, block_size):
    while length > 0:
        chunk = file.read(min(block_size, length))
        if not chunk:
            return
        length -= len(chunk)
        yield chunk


class ByteRangeMiddleware:
    """Answers a ``Range`` request for a streamed file with that part of it (206)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        file = getattr(response, "file_to_stream", None)
        if (not isinstance(response, FileResponse) or response.status_code != 200 or file is None
                or not hasattr(file, "seek") or not response.has_header("Content-Length")):
            return response
        response["Accept-Ranges"] = "bytes"
        header = request.headers.get("Range")
        if request.method != "GET" or header is None or not _still_current(request, response):
            return response
        size = int(response["Content-Length"])
        wanted = requested_range(header, size)
        if wanted is None:
            return response
        if wanted == UNSATISFIABLE:
            response.close()
            refused = HttpResponse(status=416)
            refused["Content-Range"] = f"bytes */{size}"
            return refused
        first, last = wanted
        file.seek(file.tell() + first)  # the file may start where the view left it, not at 0
        response.streaming_content = _read(file, last - first + 1, response.block_size)
        response.status_code = 206
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
        return response
