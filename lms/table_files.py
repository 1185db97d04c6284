"""Uploaded tables (CSV or XLSX) read one row at a time, for the importers of every app.

The rows come as (line, cells) pairs, the header first, so that an importer checks the
header before any data row is read; no more rows are read than the importer asks for; and
reading stops with a TableError naming the limit once a file has more rows than the
importer allows. An XLSX workbook is a ZIP archive: it is checked against archive bombs
(``lms.archives``) before openpyxl opens it, and only its first sheet is read.

Each importer turns TableError into its own kind of error.
"""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .archives import DAMAGED, ArchiveRefused, open_archive

# How much an XLSX may unpack to, unless the importer says otherwise: a few thousand rows
# take a few megabytes. It also bounds the time openpyxl spends on a sheet that does not
# declare its size, which it reads whole when the workbook is opened (about 4 MB a second).
MAX_UNPACKED = 16 * 2**20
MAX_COLUMNS = 100  # cells further right are not read
SNIFF_CHARS = 8192


class TableError(Exception):
    """The file cannot be read as a table. ``line`` is the row it stopped at, if any."""

    def __init__(self, message, line=None):
        super().__init__(str(message))
        self.line = line


def decode(content):
    """The text of a CSV file in UTF-8 (with or without a BOM) or Windows-1251; None if it is
    in neither."""
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _limited(rows, max_rows):
    """Number the rows from 1 (the header) and stop after ``max_rows`` rows under it."""
    for line, row in enumerate(rows, start=1):
        if line > max_rows + 1:
            raise TableError(
                _("The file has more than %(rows)d rows: split it into several smaller files.")
                % {"rows": max_rows},
                line=line,
            )
        yield line, ["" if cell is None else str(cell) for cell in row]


def _csv_rows(text):
    try:
        dialect = csv.Sniffer().sniff(text[:SNIFF_CHARS], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)  # any line ending, as csv wants
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # in practice: a cell over csv.field_size_limit()
            raise TableError(
                _("Line %(line)d cannot be read: a cell there is longer than %(chars)d characters, "
                  "perhaps because a quotation mark is not closed.")
                % {"line": start, "chars": csv.field_size_limit()},
                line=start,
            ) from error
        yield row


def csv_rows(text, max_rows):
    """(line, cells) of a CSV text separated by commas, semicolons or tabs (a single column,
    where the sniffer finds no separator, reads as commas)."""
    return _limited(_csv_rows(text), max_rows)


def _xlsx_rows(file_name, content, max_rows, max_unpacked):
    try:
        with open_archive(io.BytesIO(content), file_name, max_unpacked):
            pass
    except ArchiveRefused as refusal:
        raise TableError(str(refusal)) from refusal
    except DAMAGED as error:
        raise TableError(_("The file is not a readable XLSX workbook.")) from error
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            # Neither the sheet's declared size nor a stray far-away cell sets how much is read.
            columns = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
            yield from sheet.iter_rows(max_row=max_rows + 2, max_col=columns, values_only=True)
        finally:
            workbook.close()
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableError(_("The file is not a readable XLSX workbook.")) from error


def xlsx_rows(file_name, content, max_rows, max_unpacked=MAX_UNPACKED):
    """(line, cells) of the first sheet of an XLSX workbook."""
    return _limited(_xlsx_rows(file_name, content, max_rows, max_unpacked), max_rows)


def table_rows(file_name, content, max_rows, max_unpacked=MAX_UNPACKED):
    """(line, cells) of an XLSX workbook (told by its content or name) or of a CSV text in
    UTF-8 or Windows-1251."""
    if content[:4] == b"PK\x03\x04" or file_name.lower().endswith(".xlsx"):
        return xlsx_rows(file_name, content, max_rows, max_unpacked)
    text = decode(content)
    if text is None:
        raise TableError(_("The file is neither an XLSX workbook nor a CSV text in UTF-8 or Windows-1251."))
    return csv_rows(text, max_rows)
