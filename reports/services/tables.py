"""A report as tables of plain values: the HTML page, the CSV and the XLSX are all drawn
from the same ``ReportTable`` objects (``reports.spreadsheets`` writes the files), so an
export can never show more than the page."""

from dataclasses import dataclass, field


@dataclass
class Column:
    label: str
    # text | int | year | percent (a number of percent, 0-100, best a Share) | number (one
    # decimal) | amount (money, two decimals)
    kind: str = "text"

    @property
    def numeric(self):
        return self.kind != "text"


@dataclass
class ReportTable:
    key: str
    title: str
    columns: list
    # Lists of values, one per column. Any iterable for an export of many rows: it is read
    # once, as the file is written.
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


class Share(float):
    """A percentage as the reports show it. As a number it is the value shown, rounded to
    ``decimals`` places (one unless a comparison needs more); ``exact`` keeps the unrounded
    value, so that a tiny share is told from none and a share is compared before rounding."""

    def __new__(cls, exact, decimals=1, shown=None):
        share = super().__new__(cls, round(exact, decimals) if shown is None else shown)
        share.exact = exact
        share.decimals = decimals
        return share

    @property
    def rounds_to_zero(self):
        """More than nothing, yet shown as 0: "< 0.1 %" rather than "0.0 %"."""
        return 0 < self.exact < 0.5 * 10**-self.decimals


def percent(part, whole):
    """``part`` of ``whole`` in percent, shown with one decimal (a Share), or None when
    ``whole`` is 0."""
    if not whole:
        return None
    return Share(100 * float(part) / float(whole))
