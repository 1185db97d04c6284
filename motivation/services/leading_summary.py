"""The summary of one primary organisation's training over a period, for the union meeting:
the organisation's line of the coverage table (members, trained, by category, % of
members) and, for each member trained in the period, what she completed or attended:
courses, webinars, seminars, by name and number. Never answers, scores or feedback
(DESIGN.md §4).

A fixed number of queries, whatever the number of members: the permission check, the
coverage line, the members and the three kinds of training (courses, webinars, events)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from content.models import WebinarRegistration
from lms.models import Enrolment, LearnerCategory, User
from reports.models import EventAttendance
from reports.services.coverage import COLUMNS, CoverageRow, column_label
from reports.services.tables import Column, ReportTable

from .leading import (
    check_leads,
    coverage_line_between,
    members_between,
    period_bounds,
    status_counts,
    trained_in,
)


def default_period(today=None):
    """From 1 January of this year to today (Almaty)."""
    today = today or timezone.localdate()
    return datetime.date(today.year, 1, 1), today


@dataclass
class MemberRow:
    member: User
    courses: list = field(default_factory=list)  # titles, in the order completed
    webinars: list = field(default_factory=list)
    seminars: list = field(default_factory=list)

    @property
    def category_label(self):
        category = self.member.profile.category
        return LearnerCategory(category).label if category in LearnerCategory.values else ""


@dataclass
class Summary:
    organisation: object
    first_day: datetime.date
    last_day: datetime.date
    line: CoverageRow  # the organisation's line of the coverage table for the period
    rows: list  # MemberRow per member trained in the period, by name
    registered: int  # active members with an account
    untrained: int  # of those, trained in no form in the period

    @property
    def period_label(self):
        first, last = (formats.date_format(day, "SHORT_DATE_FORMAT")
                       for day in (self.first_day, self.last_day))
        return f"{first} – {last}"


def _titles(queryset, title_field):
    titles = defaultdict(list)
    for user_id, title in queryset.values_list("user_id", title_field):
        titles[user_id].append(title)
    return titles


def summary(leader, organisation, first_day=None, last_day=None, *, now=None):
    """The organisation's training from ``first_day`` to ``last_day`` (both included; by
    default this year up to today)."""
    check_leads(leader, organisation)
    default_first, default_last = default_period()
    first_day, last_day = first_day or default_first, last_day or default_last
    if first_day > last_day:
        first_day, last_day = last_day, first_day
    start, end = period_bounds(first_day, last_day)

    counts = status_counts(members_between(organisation, first_day, last_day, now=now))
    trained = list(
        User.objects.filter(is_active=True, profile__organisation=organisation)
        .filter(trained_in(first_day, last_day)).select_related("profile")
        .order_by("last_name", "first_name", "pk")
    )
    own = {"user__is_active": True, "user__profile__organisation": organisation}
    courses = _titles(
        Enrolment.objects.filter(**own).completed_between(start, end)
        .order_by("completed_at", "pk"), "course__title")
    webinars = _titles(
        WebinarRegistration.objects.filter(attended_at__gte=start, attended_at__lt=end, **own)
        .order_by("attended_at", "pk"), "webinar__title")
    seminars = _titles(
        EventAttendance.objects.filter(event__date__gte=first_day, event__date__lte=last_day, **own)
        .order_by("event__date", "pk"), "event__title")
    rows = [
        MemberRow(member=member, courses=courses.get(member.pk, []),
                  webinars=webinars.get(member.pk, []), seminars=seminars.get(member.pk, []))
        for member in trained
    ]
    return Summary(
        organisation=organisation, first_day=first_day, last_day=last_day,
        line=coverage_line_between(organisation, first_day, last_day), rows=rows,
        registered=counts["all"], untrained=counts["untrained"],
    )


def coverage_columns():
    return [
        Column(_("Members"), "int"),
        Column(_("Trained"), "int"),
        *(Column(column_label(key), "int") for key in COLUMNS),
        # xgettext:no-python-format
        Column(_("% of members"), "percent"),
    ]


def member_columns():
    return [
        Column(_("Member")),
        Column(_("Learner category")),
        Column(_("Courses completed"), "int"),
        Column(_("Courses")),
        Column(_("Webinars attended"), "int"),
        Column(_("Webinars")),
        Column(_("Seminars attended"), "int"),
        Column(_("Seminars")),
    ]


def summary_tables(result):
    """The summary as report tables (the XLSX): the coverage line, then the members."""
    line = result.line
    scope = {"organisation": result.organisation.name, "period": result.period_label}
    coverage = ReportTable(
        key="summary-coverage",
        title=_("Trained %(period)s: %(organisation)s") % scope,
        columns=[Column(_("Organisation")), *coverage_columns()],
        rows=[[line.label, line.members, line.trained, *line.cells(), line.percent]],
    )
    people = ReportTable(
        key="summary-members",
        title=_("Members trained %(period)s: %(organisation)s") % scope,
        columns=member_columns(),
        rows=[
            [row.member.display_name, row.category_label,
             len(row.courses), "; ".join(row.courses),
             len(row.webinars), "; ".join(row.webinars),
             len(row.seminars), "; ".join(row.seminars)]
            for row in result.rows
        ],
    )
    return [coverage, people]
