"""ZIP archives from users (Office and OpenDocument files, XLSX imports), opened without
letting a small file unpack into a huge one (an "archive bomb").

Before anything is unpacked, the archive's own directory is checked: how many entries it
has, how many bytes they unpack to in all, and how much each one is compressed. Real
documents stay far inside these limits; a bomb (hundreds of megabytes of zeros packed into
a few hundred kilobytes) does not. ``zipfile`` never unpacks an entry beyond the size the
directory declares for it, so the declared sizes bound what a reader of the archive
(``read_entry``, openpyxl) can unpack, and what ``read_entry`` returns is bounded besides.

The entry count is read from the archive's end record first, because ``zipfile`` builds an
object for every entry of the directory as soon as the archive is opened.
"""

import os
import struct
import zipfile
import zlib
from contextlib import contextmanager

from django.utils.translation import gettext as _

MAX_ENTRIES = 10_000  # a 500-slide presentation with its pictures has about 2,000
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 256  # the central directory: real entries take about 100 bytes
MAX_UNPACKED = 1024 * 2**20  # all entries together; uploads may be 200 MB of pictures and video
MAX_RATIO = 100  # unpacked : packed; Office XML packs 5-20 to 1, zeros about 1,000 to 1
RATIO_FROM = 2**20  # entries unpacking to less than this may be packed as tightly as they like

# What zipfile raises for a damaged, encrypted or unusually packed archive (a bad offset is
# a ValueError from seek(), a bad name a UnicodeDecodeError).
DAMAGED = (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError, RuntimeError,
           NotImplementedError, struct.error, zlib.error)

_END = b"PK\x05\x06"
_END_SPAN = 22 + 0xFFFF + 76  # the end record, its comment, and the ZIP64 records before it


class ArchiveRefused(Exception):
    """The archive declares more than a real document has; the message names the file."""


def _declared_directory(file):
    """(entries, bytes) of the central directory as the end records declare them (also
    the ZIP64 ones, as ``zipfile`` reads them), or None without an end record."""
    file.seek(0, os.SEEK_END)
    end = file.tell()
    file.seek(max(0, end - _END_SPAN))
    tail = file.read()
    at = tail.rfind(_END, 0, len(tail) - 18)  # a whole 22-byte record from there
    if at < 0:
        return None
    entries, size = struct.unpack("<HI", tail[at + 10:at + 16])
    if at >= 76 and tail[at - 20:at - 16] == b"PK\x06\x07" and tail[at - 76:at - 72] == b"PK\x06\x06":
        entries, size = struct.unpack("<QQ", tail[at - 44:at - 28])
    return entries, size


def _too_many(name):
    return ArchiveRefused(
        _("“%(name)s” is refused: it is an archive of more than %(count)d files.")
        % {"name": name, "count": MAX_ENTRIES}
    )


def check_archive(archive, name, max_unpacked=MAX_UNPACKED):
    """Raise ArchiveRefused if the open ``archive``'s entries are too many, unpack to too
    much in all, or are packed more tightly than real documents are."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise _too_many(name)
    if sum(entry.file_size for entry in entries) > max_unpacked:
        raise ArchiveRefused(
            _("“%(name)s” is refused: unpacked, it would take more than %(mb)d MB.")
            % {"name": name, "mb": max_unpacked // 2**20}
        )
    for entry in entries:
        if entry.file_size > RATIO_FROM and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise ArchiveRefused(
                _("“%(name)s” is refused: a part of it is compressed more than %(ratio)d to 1, "
                  "as archive bombs are and real documents are not.")
                % {"name": name, "ratio": MAX_RATIO}
            )


@contextmanager
def open_archive(file, name, max_unpacked=MAX_UNPACKED):
    """The ZIP archive in the binary ``file`` (named ``name`` in messages), checked with
    ``check_archive``. Raises ArchiveRefused, or one of DAMAGED if it is no usable archive."""
    declared = _declared_directory(file)
    if declared is not None and (declared[0] > MAX_ENTRIES or declared[1] > MAX_DIRECTORY_BYTES):
        raise _too_many(name)
    file.seek(0)
    with zipfile.ZipFile(file) as archive:
        check_archive(archive, name, max_unpacked)
        yield archive


def read_entry(archive, entry_name, limit):
    """At most ``limit`` bytes of an entry, however much it would unpack to."""
    with archive.open(entry_name) as entry:
        return entry.read(limit)
