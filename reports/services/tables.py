"""A report as tables of plain values: the HTML page, the CSV and the XLSX are all drawn
from the same ``ReportTable`` objects, so an export can never show more than the page."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


@dataclass
class Column:
    label: str
    # text | int | percent (a number of percent, 0-100) | number (one decimal)
    kind: str = "text"

    @property
    def numeric(self):
        return self.kind != "text"


@dataclass
class ReportTable:
    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    total: list | None = None
    # Per row (same order as ``rows``), optional: the filters that drill down into it, as
    # query parameters ({"org": 12}); used by the HTML page only.
    links: list = field(default_factory=list)
    # Said in place of the rows when there are none (on the page and in the exports), if
    # the usual "nothing for these filters" would mislead.
    empty_text: str | None = None

    def display_rows(self):
        """(drill-down filters or None, [(value, column), ...]) per row, for templates."""
        links = self.links or [None] * len(self.rows)
        return [
            (link, list(zip(row, self.columns, strict=True)))
            for row, link in zip(self.rows, links, strict=True)
        ]

    def display_total(self):
        return list(zip(self.total, self.columns, strict=True)) if self.total else []


def percent(part, whole):
    """``part`` of ``whole`` in percent with one decimal, or None when ``whole`` is 0."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


# A spreadsheet reads a cell starting with one of these as a formula: text from learners
# (comments) or from imported names must never run as one ("CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value):
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int):
        return str(value)
    return safe_text(value)


def to_csv(tables):
    """The tables one after another, each under its title, separated by an empty line.
    UTF-8 with a byte order mark and ";" between cells, which Excel in a Russian or Kazakh
    locale opens in columns."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for position, table in enumerate(tables):
        if position:
            writer.writerow([])
        writer.writerow([safe_text(table.title)])
        writer.writerow([safe_text(column.label) for column in table.columns])
        for row in table.rows:
            writer.writerow([_cell(value) for value in row])
        if table.empty_text and not table.rows:
            writer.writerow([safe_text(table.empty_text)])
        if table.total:
            writer.writerow([_cell(value) for value in table.total])
    return buffer.getvalue().encode("utf-8")


def _sheet_title(title, used):
    # Excel: at most 31 characters, none of []:*?/\ , unique in the workbook.
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(title))[:28].strip() or "Sheet"
    name, number = clean, 2
    while name in used:
        name = f"{clean[:26]} {number}"
        number += 1
    used.add(name)
    return name


def to_xlsx(tables):
    """One worksheet per table: the title, a bold header, the rows and the total row.
    Numbers are stored as numbers so that they can be summed and charted in Excel."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append([safe_text(table.title)])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([safe_text(column.label) for column in table.columns])
        for cell in sheet[2]:
            cell.font = bold
        for row in table.rows:
            sheet.append([_xlsx_value(value) for value in row])
        if table.empty_text and not table.rows:
            sheet.append([safe_text(table.empty_text)])
        if table.total:
            sheet.append([_xlsx_value(value) for value in table.total])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
        for position, column in enumerate(table.columns, start=1):
            width = 42 if position == 1 else max(12, min(30, len(str(column.label)) + 2))
            sheet.column_dimensions[get_column_letter(position)].width = width
        sheet.freeze_panes = "B3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if value is None or isinstance(value, int | float | datetime.date):
        return value
    return safe_text(value)
