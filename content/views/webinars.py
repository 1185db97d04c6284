"""Learner pages of webinars: the list, a webinar, registration, calendars."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..models import WebinarIndexPage, WebinarPage


def webinars_link(request):
    """A fixed address for the webinar list, wherever editors put it in the page tree."""
    page = WebinarIndexPage.objects.live().first()
    if page is None:
        raise Http404
    return redirect(page.url)


def feed_url(request):
    if not request.user.is_authenticated:
        return ""
    return request.build_absolute_uri(
        reverse("content:calendar_feed", args=[services.feed_token(request.user)])
    )


def webinar_index(request, page):
    upcoming = services.upcoming_webinars()
    return TemplateResponse(
        request,
        "content/webinar_index_page.html",
        {
            "page": page,
            "upcoming": upcoming,
            "past": services.past_webinars(),
            "mine": services.registered_webinar_ids(request.user, upcoming),
            "feed_url": feed_url(request),
        },
    )


def date_names():
    """Month names as a date writes them ("16 желтоқсан", "16 декабря") and weekday names,
    Sunday first, in the active language: the visitor's own time is written with them, so it
    does not depend on the browser knowing Kazakh."""
    months = [date_format(datetime.date(2001, month, 1), "E") for month in range(1, 13)]
    sunday = datetime.date(2001, 1, 7)
    weekdays = [date_format(sunday + datetime.timedelta(days=n), "l") for n in range(7)]
    return {"months": "|".join(months), "weekdays": "|".join(weekdays)}


def webinar_page(request, webinar):
    now = timezone.now()
    registration = services.registration_for(request.user, webinar)
    page_url = request.build_absolute_uri(webinar.url)
    return TemplateResponse(
        request,
        "content/webinar_page.html",
        {
            "page": webinar,
            "registration": registration,
            "places_left": services.places_left(webinar),
            "join_url": services.join_link(webinar, registration, now),
            "join_opens": services.join_link_opens(webinar),
            "started": now >= webinar.starts_at,
            "ended": webinar.has_ended(now),
            "recording": services.recording_material(webinar) if webinar.has_recording else None,
            "google_calendar_url": services.google_calendar_url(webinar, page_url),
            "feed_url": feed_url(request) if registration else "",
            "date_names": date_names(),
        },
    )


@login_required
@require_POST
def register(request, pk):
    webinar = get_object_or_404(WebinarPage.objects.live(), pk=pk)
    try:
        services.register(request.user, webinar)
    except services.RegistrationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("You are registered. The join link appears here shortly before the start.")
        )
    return redirect(webinar.url)


@login_required
@require_POST
def cancel(request, pk):
    webinar = get_object_or_404(WebinarPage.objects.live(), pk=pk)
    try:
        services.cancel(request.user, webinar)
    except services.RegistrationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(webinar.url)


def _calendar_response(request, webinars, filename, name=None):
    content = services.calendar_file(
        webinars,
        url_of=lambda webinar: request.build_absolute_uri(webinar.url),
        host=request.get_host(),
        name=name,
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def webinar_ics(request, pk):
    webinar = get_object_or_404(WebinarPage.objects.live(), pk=pk)
    return _calendar_response(request, [webinar], f"webinar-{webinar.pk}.ics")


def calendar_feed(request, token):
    """The webinars a member registered for, as a calendar to subscribe to. The address
    is the member's secret: whoever has it sees the titles and times, never a join link."""
    user_id = services.user_id_for_feed_token(token)
    if user_id is None:
        raise Http404
    return _calendar_response(
        request, services.registered_webinars(user_id), "my-webinars.ics", name=_("My webinars")
    )
