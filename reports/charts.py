"""Bar charts of the reports' main figures, drawn on the server as inline SVG.

Nothing is downloaded at run time and nothing needs JavaScript. Bars are laid out in
percentages of the chart's width, so the text stays readable from a phone to a desktop.
A chart of shares runs from 0 to 100 %, whatever its largest bar, and every bar carries its
figure. Each chart has a title and a description for screen readers, and names the table
(``table_key``) that gives its numbers beside it: the table remains the source of truth.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .formatting import grouped, percent_text
from .services.coverage import COLUMNS, column_label

BAR = 18
BAR_GAP = 3
LABEL = 18
GROUP_GAP = 12
LABEL_CHARACTERS = 48


@dataclass
class Series:
    name: str
    values: list
    css: str = "series-1"


@dataclass
class Chart:
    key: str
    title: str
    description: str
    labels: list
    series: list = field(default_factory=list)
    unit: str = ""  # "%": a chart of shares, from 0 to 100 %
    maximum: float | None = None
    table_key: str | None = None  # the table beside it that gives its numbers

    @property
    def shares(self):
        return self.unit == "%"

    def format(self, value):
        if value is None:
            return "—"
        if self.shares:
            return percent_text(value)
        return grouped(value, 1 if isinstance(value, float) else None)

    def scale(self):
        """The ends of the axis, printed under a chart of shares."""
        if not self.shares:
            return None
        return {"start": percent_text(0), "end": percent_text(100)}

    def layout(self):
        """Groups of bars with their coordinates, for the template."""
        if self.shares:
            top = 100
        else:
            top = self.maximum or max((v or 0 for s in self.series for v in s.values), default=0) or 1
        y = 0
        groups = []
        for position, label in enumerate(self.labels):
            short = label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"
            group = {"label": short, "full_label": label, "label_y": y + 13, "bars": []}
            y += LABEL
            for series in self.series:
                value = series.values[position]
                width = round(100 * min(value or 0, top) / top, 2)
                group["bars"].append({
                    # A string with a dot whatever the language: it goes into SVG attributes.
                    "y": y, "width": f"{width:.2f}", "css": series.css, "text": self.format(value),
                    "text_y": y + BAR - 5, "inside": width > 75, "series": series.name,
                })
                y += BAR + BAR_GAP
            y += GROUP_GAP
            groups.append(group)
        legend = self.series if len(self.series) > 1 else []
        scale = self.scale()
        if scale:
            scale["y"] = y + 4
            y += LABEL
        return {"groups": groups, "height": max(y, 40), "legend": legend, "scale": scale}


def coverage_by_organisation(report):
    rows = [row for row in report.by_organisation if row.organisation not in (None, report.organisation)]
    return Chart(
        key="coverage-organisations",
        title=_("Trained in %(year)s, %% of members") % {"year": report.year},
        description=_("For each organisation, the share of its members trained in the year; the table "
                      "below gives the numbers."),
        labels=[row.label for row in rows] + [str(_("Total"))],
        # xgettext:no-python-format
        series=[Series(_("% of members"), [row.percent for row in rows] + [report.total.percent])],
        unit="%", table_key="coverage-organisations",
    )


def coverage_by_year(report):
    return Chart(
        key="coverage-years",
        title=_("People trained by year"),
        description=_("The number of people trained each year in %(organisation)s.")
        % {"organisation": report.organisation.name},
        labels=[row.label for row in report.by_year],
        series=[Series(_("Trained"), [row.trained for row in report.by_year])],
        table_key="coverage-years",
    )


def coverage_by_category(rows):
    """Trained people by category, one series per year (CoverageRow objects with a year)."""
    return Chart(
        key="coverage-categories",
        title=_("Trained by learner category"),
        description=_("People trained in each learner category; with two years, the earlier year first."),
        labels=[str(column_label(key)) for key in COLUMNS],
        series=[Series(str(row.year), row.cells(), f"series-{len(rows) - position}")
                for position, row in enumerate(rows)],
        table_key="coverage-categories",
    )


def completion_by_course(rows):
    return Chart(
        key="course-completion",
        title=_("Completion rate by course, %"),
        description=_("For each course, the share of enrolled learners who completed it."),
        labels=[str(row.label) for row in rows],
        series=[Series(_("Completion rate, %"), [row.completion_rate for row in rows])],
        unit="%", table_key="courses",
    )


def rating_by_course(rows):
    return Chart(
        key="feedback-courses",
        title=_("Average overall rating by course (1–5)"),
        description=_("For each course, the average of the learners' overall ratings, from 1 to 5."),
        labels=[str(row.label) for row in rows],
        series=[Series(_("Overall"), [row.average("overall") for row in rows])],
        maximum=5, table_key="feedback-courses",
    )

