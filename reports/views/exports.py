"""What the administrators' pages share besides their scope (``lms.permissions``): the
CSV/XLSX responses, streamed (``reports.spreadsheets``)."""

import tempfile

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.utils.translation import get_language, override

from .. import spreadsheets

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPOOLED_IN_MEMORY = 4 * 2**20  # a larger workbook goes to a temporary file


def _in_language(chunks, language):
    """The chunks, made in ``language`` however late the server reads them."""
    with override(language):
        yield from chunks


def export_response(kind, report_tables, file_stem):
    """The tables as a CSV (streamed as it is written) or an XLSX (written to a temporary
    file, then streamed from it) download."""
    if kind == "csv":
        language = get_language()
        response = StreamingHttpResponse(
            _in_language(spreadsheets.csv_chunks(report_tables, language), language),
            content_type="text/csv; charset=utf-8",
        )
    elif kind == "xlsx":
        file = tempfile.SpooledTemporaryFile(max_size=SPOOLED_IN_MEMORY)
        spreadsheets.write_xlsx(report_tables, file)
        file.seek(0)
        response = FileResponse(file, content_type=XLSX)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{file_stem}.{kind}"'
    return response
