"""The administrators' reports: dashboard, coverage, courses, feedback; each exportable."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from content.models import WebinarPage

from .. import charts
from ..forms import ReportFilterForm
from ..models import MemberImport, TrainingEvent
from ..services.courses import LOW_COMPLETION_RATE, course_report, low_completion_courses
from ..services.coverage import coverage_report, this_year
from ..services.feedback import feedback_report
from .common import administrator_required, export_response, requested_organisation

UPCOMING_WEBINARS = 5


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


def _breadcrumbs(request, organisation):
    root = request.report_root
    return [node for node in organisation.get_ancestors() if node.is_within(root)]


@administrator_required
def dashboard(request):
    root = request.report_root
    year = this_year()
    report = coverage_report(request.user, root, year, years=2)
    last, current = report.by_year
    low = low_completion_courses(request.user, root)
    webinars = (
        WebinarPage.objects.live().filter(starts_at__gt=timezone.now()).order_by("starts_at")
        .annotate(registered_here=Count(
            "registrations", filter=Q(registrations__user__profile__organisation__path__startswith=root.path)
        ))[:UPCOMING_WEBINARS]
    )
    return render(request, "reports/dashboard.html", {
        "organisation": root,
        "current": current,
        "last": last,
        "chart": charts.coverage_by_category([last, current]),
        "low_courses": low,
        "low_rate": LOW_COMPLETION_RATE,
        "webinars": webinars,
        "events_this_year": TrainingEvent.objects.organised_within(root).in_year(year).count(),
        "running_imports": MemberImport.objects.filter(
            organisation__path__startswith=root.path,
            status__in=[MemberImport.Status.CHECKING, MemberImport.Status.IMPORTING],
        ).count(),
    })


@administrator_required
def coverage(request):
    organisation, form, year, category, _course = _filters(
        request, ("year", "org", "category"), all_years=False
    )
    report = coverage_report(request.user, organisation, year, category=category)
    context = {
        "organisation": organisation, "form": form, "report": report, "year": year,
        "breadcrumbs": _breadcrumbs(request, organisation),
        "charts": [charts.coverage_by_organisation(report), charts.coverage_by_year(report)]
        if report.by_organisation else [charts.coverage_by_year(report)],
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
        "breadcrumbs": _breadcrumbs(request, organisation),
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
    rated = [row for row in report.by_course if row.answers]
    context = {
        "organisation": organisation, "form": form, "report": report, "year": year,
        "breadcrumbs": _breadcrumbs(request, organisation),
        "charts": [charts.rating_by_course(rated)] if rated else [],
    }
    return _render(request, "reports/feedback.html", context, report.tables(),
                   f"feedback-{organisation.pk}-{year or 'all'}")
