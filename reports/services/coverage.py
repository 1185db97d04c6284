"""Coverage: how many people of a subtree were trained in a year, by learner category, and
what share of the membership that is — the union's yearly table (seeds 000, 001).

"Trained in year Y" is a person (counted once) who in Y, in Almaty time, did any of:
completed an online course, attended a webinar, attended an in-person event. People are
counted under the organisation and category their profile has now.

The whole report is one aggregate query: the UNION of the three sources' (user, year)
pairs, joined to profiles and organisations and grouped by year, child organisation and
category. Its cost does not depend on how many rows the table has.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext as _

from content.models import WebinarRegistration
from lms.models import Enrolment, LearnerProfile, Organisation
from lms.models.profiles import COVERAGE_TABLE_CATEGORIES, LearnerCategory
from lms.periods import year_bounds
from lms.permissions import check_organisation

from ..models import EventAttendance
from . import membership
from .grouping import child_path_length, children_by_path, own_label
from .tables import Column, ReportTable, percent

OTHER = "other"
# The columns of the table: the union's five categories, then everyone else.
COLUMNS = [*COVERAGE_TABLE_CATEGORIES, OTHER]
YEARS_SHOWN = 5


def column_label(key):
    if key == OTHER:
        return _("Other roles")
    return LearnerCategory(key).label


def column_of(category):
    return category if category in COVERAGE_TABLE_CATEGORIES else OTHER


def _year_case(field_name, first, last, bound):
    return Case(
        *(When(**{f"{field_name}__lt": bound(year + 1)}, then=Value(year))
          for year in range(first, last + 1)),
        output_field=IntegerField(),
    )


def trained_pairs(first, last, organisation=None):
    """A queryset of distinct (user_id, year) pairs: who was trained in which year of
    ``first``..``last``, by any form; only members of ``organisation``'s subtree if given
    (below the top of the tree this lets the database skip everyone else early)."""
    start, end = year_bounds(first)[0], year_bounds(last)[1]

    def moment(year):
        return year_bounds(year)[0]

    def day(year):
        return datetime.date(year, 1, 1)

    online = (
        Enrolment.objects.completed_between(start, end)
        .annotate(year=_year_case("completed_at", first, last, moment))
        .values("user_id", "year")
        .order_by()
    )
    webinars = (
        WebinarRegistration.objects.filter(attended_at__gte=start, attended_at__lt=end)
        .annotate(year=_year_case("attended_at", first, last, moment))
        .values("user_id", "year")
        .order_by()
    )
    events = (
        EventAttendance.objects.filter(event__date__gte=day(first), event__date__lt=day(last + 1))
        .annotate(year=_year_case("event__date", first, last, day))
        .values("user_id", "year")
        .order_by()
    )
    if organisation is not None:
        members = LearnerProfile.objects.under(organisation)
        online, webinars, events = (
            source.filter(user_id__in=members.values("user_id")) for source in (online, webinars, events)
        )
    return online.union(webinars, events)


def coverage_sql(organisation, first, last, category=None):
    """(sql, params) of the aggregate: rows of (year, child path, category, people)."""
    pairs = trained_pairs(first, last, organisation if organisation.depth > 1 else None)
    pairs_sql, pairs_params = pairs.query.sql_with_params()
    quote = connection.ops.quote_name
    profile, org = LearnerProfile._meta.db_table, Organisation._meta.db_table
    where, params = [f"o.{quote('path')} LIKE %s"], [f"{organisation.path}%"]
    if category:
        where.append(f"p.{quote('category')} = %s")
        params.append(category)
    sql = (
        f"SELECT t.{quote('year')}, SUBSTR(o.{quote('path')}, 1, {int(child_path_length(organisation))}), "
        f"p.{quote('category')}, COUNT(*) "
        f"FROM ({pairs_sql}) t "
        f"INNER JOIN {quote(profile)} p ON p.{quote('user_id')} = t.{quote('user_id')} "
        f"INNER JOIN {quote(org)} o ON o.{quote('id')} = p.{quote('organisation_id')} "
        f"WHERE {' AND '.join(where)} "
        "GROUP BY 1, 2, 3"
    )
    return sql, [*pairs_params, *params]


def trained_counts(organisation, first, last, category=None):
    """{(year, child path, category): people} for the subtree of ``organisation``. The
    child path is the organisation's own path for people attached to it directly."""
    sql, params = coverage_sql(organisation, first, last, category)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(year, path, cat): count for year, path, cat, count in cursor.fetchall()}


@dataclass
class CoverageRow:
    label: str
    members: int
    counts: dict = field(default_factory=dict)  # column key -> people
    organisation: Organisation | None = None
    year: int | None = None

    @property
    def trained(self):
        return sum(self.counts.values())

    @property
    def percent(self):
        return percent(self.trained, self.members)

    def cells(self):
        return [self.counts.get(key, 0) for key in COLUMNS]


@dataclass
class CoverageReport:
    organisation: Organisation
    year: int
    # CoverageRow per child, and one for the people and members attached to the
    # organisation itself (a single row for an organisation without children)
    by_organisation: list
    total: CoverageRow
    by_year: list  # CoverageRow per year, oldest first
    members_reported: int = 0  # the organisation's own count, when its children report more

    @property
    def lists_children(self):
        return any(row.organisation not in (None, self.organisation) for row in self.by_organisation)

    @property
    def children_report_more_members(self):
        return self.total.members > self.members_reported

    @property
    def years_total(self):
        """The years added up: a person trained in two of them counts in each, as the
        union's returns add up the yearly figures. No members or share: they are a year's."""
        counts = {}
        for row in self.by_year:
            for key, number in row.counts.items():
                counts[key] = counts.get(key, 0) + number
        first, last = self.by_year[0].year, self.by_year[-1].year
        return CoverageRow(label=_("Total %(first)d–%(last)d") % {"first": first, "last": last},
                           members=None, counts=counts)

    def tables(self):
        def header(first, kind="text"):
            return [
                Column(first, kind),
                Column(_("Members"), "int"),
                Column(_("Trained"), "int"),
                *(Column(column_label(key), "int") for key in COLUMNS),
                # xgettext:no-python-format
                Column(_("% of members"), "percent"),
            ]

        def values(row, label=None):
            label = row.label if label is None else label
            return [label, row.members, row.trained, *row.cells(), row.percent]

        by_organisation = ReportTable(
            key="coverage-organisations",
            title=_("Trained in %(year)s: %(organisation)s")
            % {"year": self.year, "organisation": self.organisation.name},
            columns=header(_("Organisation")),
            rows=[values(row) for row in self.by_organisation],
            total=values(self.total),
            links=[{"org": row.organisation.pk} if row.organisation and row.organisation != self.organisation
                   else None for row in self.by_organisation],
        )
        by_year = ReportTable(
            key="coverage-years",
            title=_("Trained by year: %(organisation)s") % {"organisation": self.organisation.name},
            columns=header(_("Year"), "year"),
            rows=[values(row, label=row.year) for row in self.by_year],  # years as numbers
            total=values(self.years_total),
            links=[{"year": row.year} for row in self.by_year],
        )
        return [by_organisation, by_year]


def _add(counts, key, category, number):
    column = column_of(category)
    counts[key][column] = counts[key].get(column, 0) + number


def coverage_report(user, organisation, year, *, category=None, years=YEARS_SHOWN):
    """The coverage of ``organisation``'s subtree: for ``year``, a row per child
    organisation, one for the organisation itself and a total that adds them up; and the
    subtree's total for each of the ``years`` years up to ``year``. Two queries, whatever
    the size of the tree."""
    check_organisation(user, organisation)
    first = year - years + 1
    counts = trained_counts(organisation, first, year, category=category)
    children = children_by_path(organisation)
    members = membership.member_counts([organisation, *children.values()], year)

    per_child, per_year = defaultdict(dict), defaultdict(dict)
    for (row_year, path, row_category), number in counts.items():
        _add(per_year, row_year, row_category, number)
        if row_year == year:
            _add(per_child, path, row_category, number)

    rows = [
        CoverageRow(label=child.name, members=members[child.pk], counts=per_child.get(path, {}),
                    organisation=child)
        for path, child in children.items()
    ]
    own = membership.own_members(members[organisation.pk], [row.members for row in rows])
    if not children:
        rows.append(CoverageRow(label=organisation.name, members=own,
                                counts=per_child.get(organisation.path, {}), organisation=organisation))
    elif own or per_child.get(organisation.path):
        rows.append(CoverageRow(label=own_label(organisation), members=own,
                                counts=per_child.get(organisation.path, {})))
    total = CoverageRow(
        label=_("Total"), members=sum(row.members for row in rows), counts=per_year.get(year, {}),
        organisation=organisation, year=year,
    )
    by_year = [
        CoverageRow(label=str(y), members=membership.member_counts([organisation], y)[organisation.pk],
                    counts=per_year.get(y, {}), year=y)
        for y in range(first, year + 1)
    ]
    return CoverageReport(organisation=organisation, year=year, by_organisation=rows, total=total,
                          by_year=by_year, members_reported=members[organisation.pk])
