"""Wagtail admin screen where a trainer marks who attended a webinar, by hand or from the
platform's attendance CSV."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import services
from .forms import AttendanceFileForm
from .models import WebinarPage


def _marked(request, ids):
    messages.success(
        request, _("%(count)d participants were marked as attended.") % {"count": len(ids)}
    )


def attendance(request, pk):
    webinar = get_object_or_404(WebinarPage, pk=pk)
    if not webinar.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    file_form = AttendanceFileForm()
    problems = []
    if request.method == "POST":
        try:
            if "file" in request.FILES:
                file_form = AttendanceFileForm(request.POST, request.FILES)
                if file_form.is_valid():
                    content = file_form.cleaned_data["file"].read()
                    _marked(request, services.import_attendance(webinar, content))
                    return redirect("content_attendance", pk=webinar.pk)
            else:
                ids = [int(pk) for pk in request.POST.getlist("attended") if pk.isdigit()]
                _marked(request, services.mark_attended(webinar, ids))
                return redirect("content_attendance", pk=webinar.pk)
        except services.AttendanceFileError as error:
            problems = error.errors
        except services.AttendanceRefused as refusal:
            messages.error(request, str(refusal))
    registrations = webinar.registrations.select_related("user").order_by(
        "user__last_name", "user__first_name", "pk"
    )
    return TemplateResponse(
        request,
        "content/admin/attendance.html",
        {"webinar": webinar, "registrations": registrations, "file_form": file_form, "problems": problems},
    )
