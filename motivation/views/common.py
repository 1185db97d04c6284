"""What the administrators' pages of this app share with the reports: who may open them
(``administrator_required``), which organisation a request asks about (``?org=``, checked
against the user's subtree) and the CSV/XLSX responses."""

from django.http import Http404

from reports.forms import FIRST_YEAR
from reports.services.coverage import this_year
from reports.views.common import administrator_required, export_response, requested_organisation

__all__ = [
    "administrator_required",
    "export_response",
    "requested_organisation",
    "require",
    "year_of",
    "years",
]


def require(request, permission):
    """Model permission ``motivation.<permission>`` or not found."""
    if not request.user.has_perm(f"motivation.{permission}"):
        raise Http404


def year_of(request, default=None):
    raw = request.GET.get("year", "")
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= this_year() + 1:
        return int(raw)
    return default or this_year()


def years(ahead=1):
    return range(this_year() + ahead, FIRST_YEAR - 1, -1)
