"""What the administrators' pages share: who may open them, which organisation a request
asks about, and the CSV/XLSX responses."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from lms.models import Organisation
from lms.permissions import can_view_organisation

from ..services import tables
from ..services.scope import report_root

EXPORTS = {
    "csv": ("text/csv; charset=utf-8", tables.to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", tables.to_xlsx),
}


def administrator_required(view):
    """Organisation administrators and superusers only; anyone else is told the page does
    not exist, as for another region's organisation."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        root = report_root(request.user)
        if root is None:
            raise Http404
        request.report_root = root
        return view(request, *args, **kwargs)

    return wrapped


def requested_organisation(request):
    """The organisation in ``?org=`` (the user's own by default). Another subtree's, or a
    forged number, is not found."""
    raw = request.GET.get("org", "")
    if not raw:
        return request.report_root
    if not raw.isdigit():
        raise Http404
    organisation = Organisation.objects.filter(pk=int(raw)).first()
    if organisation is None or not can_view_organisation(request.user, organisation):
        raise Http404
    return organisation


def export_response(kind, report_tables, file_stem):
    if kind not in EXPORTS:
        raise Http404
    content_type, render = EXPORTS[kind]
    response = HttpResponse(render(report_tables), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_stem}.{kind}"'
    return response
