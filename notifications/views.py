"""The person's notifications, email preferences, and the one-click unsubscribe link
(which works without logging in: the link itself is signed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import kinds, services
from .forms import PreferencesForm
from .models import Reminder


@login_required
def notification_list(request):
    if request.method == "POST":
        services.mark_read(request.user)
        return redirect("notifications:list")
    reminders = list(services.latest(request.user))
    for reminder in reminders:
        reminder.headline, reminder.sentence = services.message(reminder)
    return render(request, "notifications/list.html", {"reminders": reminders})


@login_required
def open_reminder(request, pk):
    reminder = get_object_or_404(Reminder, pk=pk, user=request.user)
    services.mark_read(request.user, [reminder.pk])
    return redirect(services.target_url(reminder))


@login_required
def preferences(request):
    opted_out = services.opted_out_kinds(request.user)
    initial = [kind.code for kind in kinds.emailed(request.user) if kind.code not in opted_out]
    form = PreferencesForm(request.POST or None, initial={"email_kinds": initial}, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.set_email_kinds(request.user, form.cleaned_data["email_kinds"])
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt  # mail clients send the one-click POST (RFC 8058) without a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for confirmation (link scanners must not unsubscribe anyone); POST does it."""
    found = services.read_unsubscribe_token(token)
    if found is None:
        raise Http404
    user_id, kind = found
    done = request.method == "POST"
    if done:
        services.unsubscribe(user_id, kind)
    return render(request, "notifications/unsubscribe.html",
                  {"kind_label": kinds.get(kind).label, "done": done})
