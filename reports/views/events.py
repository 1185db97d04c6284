"""In-person events: the list, recording and changing one, and its attendance."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.periods import this_year, years_offered
from lms.permissions import administrator_required

from ..forms import AttendanceForm, TrainingEventForm
from ..models import EventAttendance, TrainingEvent
from ..services import event_attendance as service

EVENTS_PER_PAGE = 30
ATTENDEES_PER_PAGE = 50


def _event(request, pk, permission="change"):
    """The event, if the user may ``permission`` it; otherwise not found."""
    event = get_object_or_404(TrainingEvent.objects.select_related("organisation", "topic", "trainer"), pk=pk)
    try:
        service.check_event_access(request.user, event, permission)
    except PermissionDenied:
        raise Http404 from None
    return event


def _require(request, permission):
    if not request.user.has_perm(f"reports.{permission}_trainingevent"):
        raise Http404


@administrator_required
def event_list(request):
    _require(request, "view")
    raw_year = request.GET.get("year", str(this_year()))
    year = int(raw_year) if raw_year.isdigit() else None
    events = service.events_for(request.user, year=year)
    listing = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reports/event_list.html", {
        "listing": listing, "year": year, "years": years_offered(),
        "can_add": request.user.has_perm("reports.add_trainingevent"),
    })


@administrator_required
def event_create(request):
    _require(request, "add")
    form = TrainingEventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        event = service.save_event(request.user, form.save(commit=False))
        messages.success(request, _("The event is recorded. Now add its participants."))
        return redirect("reports:event", pk=event.pk)
    return render(request, "reports/event_form.html", {"form": form})


@administrator_required
def event_edit(request, pk):
    event = _event(request, pk)
    form = TrainingEventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        service.save_event(request.user, form.save(commit=False))
        messages.success(request, _("The event is saved."))
        return redirect("reports:event", pk=event.pk)
    return render(request, "reports/event_form.html", {"form": form, "event": event})


@administrator_required
def event_delete(request, pk):
    """Asks first: deleting an event removes its attendance and questionnaire answers."""
    event = _event(request, pk, "delete")
    if request.method == "POST":
        service.delete_event(request.user, event)
        messages.success(request, _("The event is deleted."))
        return redirect("reports:events")
    context = {"event": event, "attended": event.attendances.count()}
    return render(request, "reports/event_delete.html", context)


@administrator_required
def event_detail(request, pk):
    event = _event(request, pk, "view")
    form = AttendanceForm()
    errors = []
    if request.method == "POST":
        event = _event(request, pk)
        form = AttendanceForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                upload = form.cleaned_data.get("file")
                pairs = (service.emails_from_file(upload.name, upload.read()) if upload
                         else service.emails_from_text(form.cleaned_data["emails"]))
                added, already = service.add_attendees(request.user, event, pairs)
            except service.AttendanceError as error:
                errors = error.errors
            else:
                done = _("%(added)d participants added, %(already)d were already on the list.")
                messages.success(request, done % {"added": added, "already": already})
                return redirect("reports:event", pk=event.pk)
    attendances = (
        EventAttendance.objects.filter(event=event)
        .select_related("user", "user__profile__organisation")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    listing = Paginator(attendances, ATTENDEES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "reports/event_detail.html", {
        "event": event, "form": form, "errors": errors, "listing": listing,
        "can_change": request.user.has_perm("reports.change_trainingevent"),
        "can_delete": request.user.has_perm("reports.delete_trainingevent"),
    })


@administrator_required
@require_POST
def attendance_remove(request, pk, attendance_id):
    event = _event(request, pk)
    try:
        service.remove_attendee(request.user, event, attendance_id)
    except EventAttendance.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The participant is removed from the list."))
    return redirect("reports:event", pk=event.pk)
