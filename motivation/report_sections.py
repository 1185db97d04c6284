"""Motivation's reports in the reports navigation (``reports.sections``), registered by
``MotivationConfig.ready()``. Each checks what its page checks."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from reports.report_sections import reads_reports_with
from reports.sections import ReportSection

from .services.leaderboard import check_leaderboard
from .services.leading import check_leads


def passes(check):
    """``check(user, organisation)``, which raises PermissionDenied, as a yes or no."""

    def may_open(user, organisation):
        try:
            check(user, organisation)
        except PermissionDenied:
            return False
        return True

    return may_open


SECTIONS = (
    ReportSection("plans", _("Training plans"), "motivation:plans",
                  reads_reports_with("motivation.view_trainingplan"), order=70, per_organisation=True),
    ReportSection("budgets", _("Training budgets"), "motivation:budgets",
                  reads_reports_with("motivation.view_trainingbudget"), order=80, per_organisation=True),
    ReportSection("leaderboard", _("Leaderboard"), "motivation:leaderboard", passes(check_leaderboard),
                  order=90, per_organisation=True),
    # A primary organisation's summary: shown when the organisation in view is one the user leads.
    ReportSection("organisation_summary", _("Summary for the union meeting"),
                  "motivation:organisation_summary", passes(check_leads), order=100, per_organisation=True),
)
