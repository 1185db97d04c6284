"""The reports app's own sections of the reports navigation (``reports.sections``),
registered by ``ReportsConfig.ready()``. Each checks what its page checks: the
administrators' pages (``lms.permissions.administrator_required``) and, for events and member
import, the model permission their views require."""

from django.utils.translation import gettext_lazy as _

from lms.permissions import report_root

from .sections import ReportSection


def reads_reports(user, organisation=None):
    """Organisation administrators and superusers: ``administrator_required``'s check."""
    return report_root(user) is not None


def reads_reports_with(permission):
    def may_open(user, organisation=None):
        return reads_reports(user) and user.has_perm(permission)

    return may_open


SECTIONS = (
    ReportSection("overview", _("Overview"), "reports:dashboard", reads_reports, order=10),
    ReportSection("coverage", _("Coverage"), "reports:coverage", reads_reports, order=20),
    ReportSection("courses", _("Courses"), "reports:courses", reads_reports, order=30),
    ReportSection("feedback", _("Feedback"), "reports:feedback", reads_reports, order=40),
    ReportSection("events", _("In-person events"), "reports:events",
                  reads_reports_with("reports.view_trainingevent"), order=50),
    ReportSection("member_imports", _("Import members"), "reports:member_imports",
                  reads_reports_with("reports.view_memberimport"), order=60),
)
