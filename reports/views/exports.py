"""What the administrators' pages share besides their scope (``lms.permissions``): the
CSV/XLSX responses."""

from django.http import Http404, HttpResponse

from ..services import tables

EXPORTS = {
    "csv": ("text/csv; charset=utf-8", tables.to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", tables.to_xlsx),
}


def export_response(kind, report_tables, file_stem):
    if kind not in EXPORTS:
        raise Http404
    content_type, render = EXPORTS[kind]
    response = HttpResponse(render(report_tables), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_stem}.{kind}"'
    return response
