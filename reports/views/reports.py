"""The administrators' reports: dashboard, coverage, courses, feedback; each exportable."""

from django.shortcuts import render

from lms.periods import this_year
from lms.permissions import administrator_required, requested_organisation, visible_ancestors

from .. import charts
from ..forms import ReportFilterForm
from ..services import dashboard as dashboard_service
from ..services import privacy
from ..services.courses import course_report
from ..services.coverage import coverage_report
from ..services.feedback import feedback_report
from .exports import export_response


def _filters(request, fields, *, all_years):
    """(organisation, form, year, category, course) of a report request. The year is this
    year unless the request names one (or, where allowed, asks for all years with "")."""
    organisation = requested_organisation(request)
    data = request.GET.copy()
    data.setdefault("year", str(this_year()))
    data["org"] = str(organisation.pk)
    form = ReportFilterForm(data, user=request.user, organisation=organisation, fields=fields,
                            all_years=all_years)
    year = form.value("year", default=None if all_years and data["year"] == "" else this_year())
    if year is None and not all_years:
        year = this_year()
    return organisation, form, year, form.value("category"), form.value("course")


def _render(request, template, context, report_tables, stem):
    kind = request.GET.get("export")
    if kind:
        return export_response(kind, report_tables, stem)
    context["tables"] = report_tables
    return render(request, template, context)


@administrator_required
def dashboard(request):
    context = dashboard_service.dashboard(request.user, request.report_root)
    context["chart"] = charts.coverage_by_category([context["last"], context["current"]])
    return render(request, "reports/dashboard.html", context)


@administrator_required
def coverage(request):
    organisation, form, year, category, _course = _filters(
        request, ("year", "org", "category"), all_years=False
    )
    report = coverage_report(request.user, organisation, year, category=category)
    context = {
        "organisation": organisation, "form": form, "report": report, "year": year,
        "breadcrumbs": visible_ancestors(request.user, organisation),
        "charts": [charts.coverage_by_organisation(report), charts.coverage_by_year(report)]
        if report.lists_children else [charts.coverage_by_year(report)],
    }
    return _render(request, "reports/coverage.html", context, report.tables(),
                   f"coverage-{organisation.pk}-{year}")


@administrator_required
def courses(request):
    organisation, form, year, category, course = _filters(
        request, ("year", "org", "category", "course"), all_years=True
    )
    report = course_report(request.user, organisation, year=year, category=category, course=course)
    context = {
        "organisation": organisation, "form": form, "report": report, "year": year,
        "breadcrumbs": visible_ancestors(request.user, organisation),
        "charts": [charts.completion_by_course(report.by_course)] if report.by_course else [],
    }
    return _render(request, "reports/courses.html", context, report.tables(),
                   f"courses-{organisation.pk}-{year or 'all'}")


@administrator_required
def feedback(request):
    organisation, form, year, category, course = _filters(
        request, ("year", "org", "category", "course"), all_years=True
    )
    report = feedback_report(request.user, organisation, year=year, category=category, course=course)
    rated = [row for row in report.by_course if row.ratings_shown]
    context = {
        "organisation": organisation, "form": form, "report": report, "year": year,
        "breadcrumbs": visible_ancestors(request.user, organisation),
        "charts": [charts.rating_by_course(rated)] if rated else [],
        "min_group": privacy.min_group(),
    }
    return _render(request, "reports/feedback.html", context, report.tables(),
                   f"feedback-{organisation.pk}-{year or 'all'}")
