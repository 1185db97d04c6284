"""The administrator's dashboard: this year and last at a glance, the courses few finish,
the next webinars with how many of the subtree registered, and what is running."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from content.models import WebinarPage
from lms.periods import this_year
from lms.permissions import check_organisation
from lms.scope import under

from ..models import MemberImport, TrainingEvent
from .courses import LOW_COMPLETION_RATE, low_completion_courses
from .coverage import COLUMNS, column_label, coverage_report
from .tables import Column, ReportTable

UPCOMING_WEBINARS = 5


def categories_table(rows):
    """People trained by learner category, a column per year of ``rows`` (CoverageRow
    objects): the numbers of the dashboard's chart, beside it."""
    return ReportTable(
        key="coverage-categories",
        title=_("Trained by learner category"),
        columns=[Column(_("Learner category")), *(Column(str(row.year), "int") for row in rows)],
        rows=[[column_label(key), *(row.counts.get(key, 0) for row in rows)] for key in COLUMNS],
        total=[_("Total"), *(row.trained for row in rows)],
    )


def dashboard(user, organisation):
    """The dashboard's figures for ``organisation``'s subtree, as a template context."""
    check_organisation(user, organisation)
    year = this_year()
    last, current = coverage_report(user, organisation, year, years=2).by_year
    webinars = (
        WebinarPage.objects.live().filter(starts_at__gt=timezone.now()).order_by("starts_at")
        .annotate(registered_here=Count(
            "registrations", filter=under(organisation, "registrations__user__profile__organisation")
        ))[:UPCOMING_WEBINARS]
    )
    return {
        "organisation": organisation,
        "current": current,
        "last": last,
        "categories": categories_table([last, current]),
        "low_courses": low_completion_courses(user, organisation),
        "low_rate": LOW_COMPLETION_RATE,
        "webinars": webinars,
        "events_this_year": TrainingEvent.objects.under(organisation).in_year(year).count(),
        "running_imports": MemberImport.objects.under(organisation).filter(
            status__in=[MemberImport.Status.CHECKING, MemberImport.Status.IMPORTING],
        ).count(),
    }
