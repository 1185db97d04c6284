"""Member import: upload, preview with mistakes, commit, progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.permissions import administrator_required

from ..forms import MemberImportForm
from ..models import MemberImport
from ..services import member_import

RECENT_IMPORTS = 20


def _require(request, permission):
    if not request.user.has_perm(f"reports.{permission}_memberimport"):
        raise Http404


def _job(request, pk):
    return get_object_or_404(member_import.jobs_visible_to(request.user), pk=pk)


@administrator_required
def import_list(request):
    _require(request, "view")
    root = request.report_root
    form = MemberImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        _require(request, "add")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                job = member_import.start_import(request.user, root, upload.name, upload.read())
            except PermissionDenied:
                raise Http404 from None
            return redirect("reports:member_import", pk=job.pk)
    jobs = member_import.jobs_visible_to(request.user)[:RECENT_IMPORTS]
    return render(request, "reports/import_list.html", {
        "form": form, "jobs": jobs, "organisation": root,
        "can_add": request.user.has_perm("reports.add_memberimport"),
    })


@administrator_required
def import_template(request):
    _require(request, "view")
    response = HttpResponse(
        member_import.template_workbook(request.report_root),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="members-template.xlsx"'
    return response


@administrator_required
def import_detail(request, pk):
    _require(request, "view")
    job = _job(request, pk)
    return render(request, "reports/import_detail.html", {
        "job": job,
        "processed": member_import.current_progress(job),
        "can_commit": (job.status == MemberImport.Status.READY
                       and request.user.has_perm("reports.add_memberimport")),
    })


@administrator_required
@require_POST
def import_commit(request, pk):
    _require(request, "add")
    job = _job(request, pk)
    if member_import.request_commit(request.user, job):
        messages.success(request, _("The import has started."))
    else:
        messages.warning(request, _("This import cannot be committed: it has mistakes or has already run."))
    return redirect("reports:member_import", pk=job.pk)
