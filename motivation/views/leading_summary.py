"""The printable summary of a primary organisation's training over a period, and its XLSX,
for the union meeting (``services.leading_summary``)."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from lms.models import Organisation
from lms.permissions import chaired_organisation
from reports.views.exports import export_response

from ..services import leading_summary as service


def _organisation(request):
    """The organisation in ``?org=`` (a chair's own by default) if the user leads it, else
    not found."""
    raw = request.GET.get("org", "")
    if raw:
        organisation = Organisation.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    else:
        organisation = chaired_organisation(request.user)
    return organisation


def _date(request, name):
    try:
        return datetime.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None


def period(request, today=None):
    """``?from=`` and ``?to=`` as ISO dates; a missing or bad one is the default (1 January
    of this year, today)."""
    first_default, last_default = service.default_period(today)
    first_day = _date(request, "from") or first_default
    last_day = _date(request, "to") or last_default
    if first_day > last_day:
        first_day, last_day = last_day, first_day
    return first_day, last_day


@login_required
def summary_page(request):
    organisation = _organisation(request)
    first_day, last_day = period(request)
    try:
        result = service.summary(request.user, organisation, first_day, last_day)
    except PermissionDenied:
        raise Http404 from None
    tables = service.summary_tables(result)
    if request.GET.get("export"):
        return export_response(
            request.GET["export"], tables,
            f"organisation-{organisation.pk}-{first_day:%Y%m%d}-{last_day:%Y%m%d}",
        )
    return render(
        request,
        "motivation/organisation_summary.html",
        {
            "organisation": organisation,
            "summary": result,
            "tables": tables,
        },
    )
