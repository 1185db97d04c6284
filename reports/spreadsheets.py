"""Report tables (``services.tables.ReportTable``) as CSV and XLSX files that open right in
Excel, written as the rows come so that no number of rows is held in memory.

CSV follows the interface language: in Russian and Kazakh (a decimal comma) cells are
separated by ";" and decimals written with a comma, which Excel in those locales reads as
numbers; in English by "," with a point. Always UTF-8 with a byte order mark, so that
Excel reads the Cyrillic. XLSX (openpyxl's write-only mode, spooled to a temporary file)
keeps numbers as numbers, shares as percentage cells, years as plain numbers, and freezes
the title, the header and the first column.
"""

import csv
import datetime
import decimal

from django.utils import formats
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A spreadsheet reads a cell starting with one of these as a formula: text from learners
# (comments) or from imported names must never run as one ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_LENGTH = 31  # Excel's limit
SHEET_NAME_FORBIDDEN = "[]:*?/\\"
CSV_CHUNK_ROWS = 500
NUMBER_FORMATS = {"int": "#,##0", "year": "0", "number": "0.0", "amount": "#,##0.00"}
DECIMALS = {"number": 1, "amount": 2}


def safe_text(value):
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


NUMBERS = (int, float, decimal.Decimal)


def _is_number(value):
    return isinstance(value, NUMBERS) and not isinstance(value, bool)


def percent_places(value):
    """The decimals a percentage is written with: those it is shown with on the page
    (``Share.decimals``), and more for a share so small that it would read as nothing."""
    places = getattr(value, "decimals", 1)
    exact = getattr(value, "exact", value)
    while 0 < exact < 0.5 * 10**-places and places < 4:
        places += 1
    return places


# --- CSV -------------------------------------------------------------------------------


def csv_convention(language):
    """(cell separator, decimal separator) for a CSV in ``language``."""
    decimal_separator = formats.get_format("DECIMAL_SEPARATOR", language)
    return (";" if decimal_separator == "," else ","), decimal_separator


def _csv_cell_writer(kind, decimal_separator):
    """The function that writes a value of a ``kind`` column as a CSV cell (chosen once per
    column: an export may have hundreds of thousands of rows)."""
    places = DECIMALS.get(kind, 1)

    def cell(value):
        if value is None:
            return ""
        if not isinstance(value, NUMBERS) or isinstance(value, bool):
            return safe_text(value)
        if kind in ("int", "year") and float(value).is_integer():
            return str(int(value))
        if kind == "percent":
            decimals = percent_places(value)
            if decimals != getattr(value, "decimals", 1):
                value = getattr(value, "exact", value)
            return f"{float(value):.{decimals}f}".replace(".", decimal_separator)
        return f"{float(value):.{places}f}".replace(".", decimal_separator)

    return cell


class _Line:
    """What csv.writer writes to: hands back the line instead of storing it."""

    def write(self, text):
        return text


def csv_chunks(tables, language):
    """The CSV of ``tables`` as text chunks: each table under its title, separated by an
    empty line. Rows are read from each table as they are written."""
    separator, decimal_separator = csv_convention(language)
    writer = csv.writer(_Line(), delimiter=separator, lineterminator="\r\n")
    yield "\ufeff"
    for position, table in enumerate(tables):
        cells = [_csv_cell_writer(column.kind, decimal_separator) for column in table.columns]
        lines = ["\r\n"] if position else []
        lines.append(writer.writerow([safe_text(table.title)]))
        lines.append(writer.writerow([safe_text(column.label) for column in table.columns]))
        empty = True
        for row in table.rows:
            empty = False
            lines.append(writer.writerow([cell(value) for cell, value in zip(cells, row, strict=True)]))
            if len(lines) >= CSV_CHUNK_ROWS:
                yield "".join(lines)
                lines = []
        if empty and table.empty_text:
            lines.append(writer.writerow([safe_text(table.empty_text)]))
        if table.total:
            total = zip(cells, table.total, strict=True)
            lines.append(writer.writerow([cell(value) for cell, value in total]))
        yield "".join(lines)


# --- XLSX ------------------------------------------------------------------------------


def _shorten(text, limit):
    """``text`` in at most ``limit`` characters, cut at the end of a word where one ends."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    if " " in cut.strip():
        cut = cut[: cut.rstrip().rindex(" ")]
    short = cut[:limit].rstrip(" ,;.-–—")
    return short or text[:limit]


def sheet_name(title, used):
    """A worksheet name from a table's title, as Excel allows it: at most 31 characters,
    cut at a word boundary, none of []:*?/\\, no apostrophe at either end, and unique in
    the workbook (Excel compares names ignoring case). ``used`` collects the names given."""
    clean = "".join(" " if char in SHEET_NAME_FORBIDDEN else char for char in str(title))
    clean = " ".join(clean.split()).strip("'").strip() or "Sheet"
    name, number = _shorten(clean, SHEET_NAME_LENGTH), 2
    while name.lower() in used:
        suffix = f" ({number})"
        name = _shorten(clean, SHEET_NAME_LENGTH - len(suffix)) + suffix
        number += 1
    used.add(name.lower())
    return name


class _Cells:
    """Cells of one worksheet, each with the number format of its column. A write-only
    sheet writes a row as soon as it is appended, so one styled cell per column and format
    is reused for every row rather than styled again for each of thousands."""

    def __init__(self, sheet, columns):
        self.sheet = sheet
        self.kinds = [column.kind for column in columns]
        self.styled = {}

    def _cell(self, position, number_format, bold):
        key = (position, number_format, bold)
        cell = self.styled.get(key)
        if cell is None:
            cell = self.styled[key] = WriteOnlyCell(self.sheet)
            cell.number_format = number_format
            if bold:
                cell.font = Font(bold=True)
        return cell

    def text(self, value, bold=False, position=0):
        if not bold:
            return safe_text(value)
        cell = self._cell(position, "General", bold)
        cell.value = safe_text(value)
        return cell

    def value(self, position, value, bold=False):
        if value is None:
            return None
        if not _is_number(value):
            if isinstance(value, datetime.datetime):
                return value.replace(tzinfo=None)
            if isinstance(value, datetime.date):
                return value
            return self.text(value, bold, position)
        kind = self.kinds[position]
        if kind == "percent":
            places = percent_places(value)
            if places != getattr(value, "decimals", 1):
                value = getattr(value, "exact", value)
            cell = self._cell(position, f"0.{'0' * places}%", bold)
            cell.value = round(float(value) / 100, places + 2)
        else:
            cell = self._cell(position, NUMBER_FORMATS.get(kind, "General"), bold)
            cell.value = value
        return cell

    def row(self, values, bold=False):
        return [self.value(position, value, bold) for position, value in enumerate(values)]


def write_xlsx(tables, file):
    """Write the workbook of ``tables`` to ``file``: one worksheet per table with its
    title, a bold header, the rows and the total row."""
    workbook = Workbook(write_only=True)
    used = set()
    for table in tables:
        sheet = workbook.create_sheet(sheet_name(table.title, used))
        for position, column in enumerate(table.columns, start=1):
            width = 42 if position == 1 else max(12, min(30, len(str(column.label)) + 2))
            sheet.column_dimensions[get_column_letter(position)].width = width
        sheet.freeze_panes = "B3"
        cells = _Cells(sheet, table.columns)
        title = WriteOnlyCell(sheet, safe_text(table.title))
        title.font = Font(bold=True, size=13)
        sheet.append([title])
        sheet.append([cells.text(column.label, True, position)
                      for position, column in enumerate(table.columns)])
        empty = True
        for row in table.rows:
            empty = False
            sheet.append(cells.row(row))
        if empty and table.empty_text:
            sheet.append([cells.text(table.empty_text)])
        if table.total:
            sheet.append(cells.row(table.total, bold=True))
    if not used:
        workbook.create_sheet("Sheet")
    workbook.save(file)
