"""Webinars: the list, registering and cancelling, the join link in its window, each
webinar's calendar file. The web's rules (``content.services``)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Status

from content import services
from content.models import WebinarPage

from .schemas import ObjectId, WebinarOut

webinars = Router(tags=["webinars"])


def _webinar(webinar, registered, now=None):
    return {
        "id": webinar.pk, "title": webinar.title, "speaker": webinar.speaker,
        "language": webinar.language, "starts_at": webinar.starts_at, "ends_at": webinar.ends_at,
        "places_left": services.places_left(webinar), "registered": registered,
        "join_url": services.join_link(webinar, registered or None, now),
        "join_opens_at": services.join_link_opens(webinar),
        "calendar_url": reverse("content:webinar_ics", args=[webinar.pk]),
    }


def _registered(user, webinar):
    return services.registration_for(user, webinar) is not None


@webinars.get("", response=list[WebinarOut])
def upcoming(request):
    """Webinars that have not ended, soonest first; the join link appears for a registered
    member from shortly before the start."""
    found = services.upcoming_webinars()
    mine = services.registered_webinar_ids(request.user, found)
    now = timezone.now()
    return [_webinar(webinar, webinar.pk in mine, now) for webinar in found]


@webinars.get("/{int:webinar_id}", response=WebinarOut)
def webinar(request, webinar_id: ObjectId):
    found = get_object_or_404(WebinarPage.objects.live(), pk=webinar_id)
    return _webinar(found, _registered(request.user, found))


@webinars.post("/{int:webinar_id}/registration", response={201: WebinarOut})
def register(request, webinar_id: ObjectId):
    """Register (once); refused with 409 and the reason when it is full or over."""
    found = get_object_or_404(WebinarPage.objects.live(), pk=webinar_id)
    services.register(request.user, found)
    return Status(201, _webinar(found, True))


@webinars.delete("/{int:webinar_id}/registration", response=WebinarOut)
def cancel(request, webinar_id: ObjectId):
    found = get_object_or_404(WebinarPage.objects.live(), pk=webinar_id)
    services.cancel(request.user, found)
    return _webinar(found, _registered(request.user, found))
