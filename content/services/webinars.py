"""Business rules of webinars: registration within the capacity, the join link's window,
listings, and the recording's place in the library."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from lms.models import Level

from ..models import (
    Access,
    LibraryIndexPage,
    MaterialKind,
    MaterialPage,
    WebinarPage,
    WebinarRegistration,
)

# The longest a webinar may last (the model's validator): a webinar that started earlier
# than this has certainly ended.
LONGEST = datetime.timedelta(hours=12)


class RegistrationRefused(Exception):
    """The member may not register or cancel; the message says why, in their language."""


def registration_for(user, webinar):
    if not user.is_authenticated:
        return None
    return WebinarRegistration.objects.filter(webinar=webinar, user=user).first()


def places_left(webinar):
    """Free places, or None when the webinar has no limit."""
    if webinar.capacity is None:
        return None
    return max(webinar.capacity - webinar.registrations.count(), 0)


def register(user, webinar, now=None):
    """Register ``user`` for ``webinar`` (once). The capacity holds under concurrent
    requests: the webinar's row is locked while its registrations are counted (on SQLite
    the write transaction itself is exclusive). Raises RegistrationRefused."""
    now = now or timezone.now()
    if webinar.has_ended(now):
        raise RegistrationRefused(_("The webinar is over."))
    with transaction.atomic():
        locked = WebinarPage.objects.select_for_update().get(pk=webinar.pk)
        existing = WebinarRegistration.objects.filter(webinar=locked, user=user).first()
        if existing is not None:
            return existing
        if locked.capacity is not None and locked.registrations.count() >= locked.capacity:
            raise RegistrationRefused(_("All places are taken."))
        try:
            with transaction.atomic():
                return WebinarRegistration.objects.create(webinar=locked, user=user, registered_at=now)
        except IntegrityError:  # a double click that got past the lock (SQLite has none)
            return WebinarRegistration.objects.get(webinar=locked, user=user)


def cancel(user, webinar, now=None):
    """Cancel ``user``'s registration, which frees the place. Raises RegistrationRefused
    once the webinar has started."""
    now = now or timezone.now()
    if now >= webinar.starts_at:
        raise RegistrationRefused(_("The webinar has started: the registration can no longer be cancelled."))
    WebinarRegistration.objects.filter(webinar=webinar, user=user, attended_at__isnull=True).delete()


def join_link_opens(webinar):
    return webinar.starts_at - datetime.timedelta(minutes=settings.WEBINAR_JOIN_OPENS_MINUTES)


def join_link(webinar, registration, now=None):
    """The join link, for a registered member from a few minutes before the start until
    the end; an empty string for everyone else and at any other time."""
    now = now or timezone.now()
    if registration is None or not webinar.join_url:
        return ""
    if join_link_opens(webinar) <= now < webinar.ends_at:
        return webinar.join_url
    return ""


def upcoming_webinars(now=None, limit=50):
    """Live webinars that have not ended, soonest first, with their registration counts."""
    now = now or timezone.now()
    webinars = (
        WebinarPage.objects.live()
        .filter(starts_at__gt=now - LONGEST)
        .annotate(registered=Count("registrations"))
        .order_by("starts_at", "pk")[:limit]
    )
    upcoming = [webinar for webinar in webinars if not webinar.has_ended(now)]
    for webinar in upcoming:
        if webinar.capacity is None:
            webinar.places_left = None
        else:
            webinar.places_left = max(webinar.capacity - webinar.registered, 0)
    return upcoming


def past_webinars(now=None, limit=20):
    """Live webinars that have ended, latest first."""
    now = now or timezone.now()
    webinars = WebinarPage.objects.live().filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    return [webinar for webinar in webinars[: limit + 1] if webinar.has_ended(now)][:limit]


def registered_webinar_ids(user, webinars):
    if not user.is_authenticated:
        return set()
    return set(
        WebinarRegistration.objects.filter(user=user, webinar__in=[w.pk for w in webinars])
        .values_list("webinar_id", flat=True)
    )


def recording_material(webinar):
    """The live library material holding ``webinar``'s recording, or None."""
    return MaterialPage.objects.live().filter(webinar=webinar).first()


def publish_recording(webinar):
    """Put ``webinar``'s recording in the library as a video lecture for members, or bring
    the one already there up to date. Runs when a webinar is published (the webinar was
    approved, so its recording is too); does nothing without a recording or a library."""
    if not webinar.has_recording:
        return None
    library = LibraryIndexPage.objects.first()
    if library is None:
        return None
    material = MaterialPage.objects.filter(webinar=webinar).first()
    if material is not None:
        if (material.document_id, material.video_url) == (webinar.recording_id, webinar.recording_url):
            return material
        material.document_id, material.video_url = webinar.recording_id, webinar.recording_url
        material.save_revision().publish()
        return material
    summary = webinar.plain_description().strip() or webinar.speaker
    material = MaterialPage(
        title=webinar.title,
        slug=f"webinar-{webinar.pk}-recording",
        kind=MaterialKind.VIDEO_LECTURE,
        summary=Truncator(summary).chars(600),
        language=webinar.language,
        level=Level.BASIC,
        access=Access.MEMBERS,
        document_id=webinar.recording_id,
        video_url=webinar.recording_url,
        webinar=webinar,
    )
    material.topics = list(webinar.topics.all())
    material.audiences = list(webinar.audiences.all())
    library.add_child(instance=material)
    material.save_revision().publish()
    return material
