"""The sections of the reports navigation: the bar at the top of every report page.

Apps register their reports here from ``AppConfig.ready()`` (the reports app its own in
``reports.report_sections``, motivation its plans, budgets, leaderboard and summary), so a
new report needs no edit to the reports app. A section declares who may open it with the
same check as its page; the navigation leaves out what the user may not open.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode

from lms.registry import Registry


@dataclass(frozen=True)
class ReportSection:
    code: str
    label: str
    url_name: str
    may_open: Callable  # may_open(user, organisation) -> bool, ``organisation`` the one in view
    order: int = 100  # place in the navigation, lowest first
    per_organisation: bool = False  # the link asks about the organisation in view (``?org=``)


@dataclass(frozen=True)
class Link:
    code: str
    label: str
    url: str


SECTIONS = Registry("report section")
register, unregister = SECTIONS.register, SECTIONS.unregister


def registered():
    """Every section, in the navigation's order."""
    return sorted(SECTIONS.registered(), key=lambda section: section.order)


def links(user, organisation):
    """The links of the navigation for ``user`` looking at ``organisation`` (None when no
    organisation is in view): only the sections the user may open."""
    found = []
    for section in registered():
        if section.per_organisation and organisation is None:
            continue
        if not section.may_open(user, organisation):
            continue
        url = reverse(section.url_name)
        if section.per_organisation:
            url = f"{url}?{urlencode({'org': organisation.pk})}"
        found.append(Link(section.code, section.label, url))
    return found
