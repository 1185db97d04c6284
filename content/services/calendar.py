"""Webinars in calendars: .ics files (RFC 5545, times in UTC), a link that adds one to
Google Calendar, and each member's personal feed behind an unguessable signed address.

The join link is never written into a calendar: it is shown only on the webinar's page,
to registered members, shortly before the start.
"""

import datetime
from urllib.parse import urlencode

from django.core import signing
from django.utils import timezone
from icalendar import Calendar, Event

from ..models import WebinarPage

FEED_SALT = "content.webinar-calendar-feed"
PRODUCT_ID = "-//Union Academy//Webinars//RU"


def _signer():
    return signing.Signer(salt=FEED_SALT)


def feed_token(user):
    """The token of ``user``'s personal calendar address: signed with the site's secret key,
    the same every time, never expiring."""
    return _signer().sign_object({"u": user.pk})


def user_id_for_feed_token(token):
    """The user id a token was made for, or None for a forged or damaged token."""
    try:
        return _signer().unsign_object(token)["u"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def _utc(moment):
    return moment.astimezone(datetime.UTC)


def webinar_event(webinar, page_url, host):
    event = Event()
    event.add("uid", f"webinar-{webinar.pk}@{host}")
    event.add("dtstamp", _utc(timezone.now()))
    event.add("dtstart", _utc(webinar.starts_at))
    event.add("dtend", _utc(webinar.ends_at))
    event.add("summary", webinar.title)
    lines = [webinar.speaker, webinar.plain_description(), page_url]
    event.add("description", "\n".join(line for line in lines if line))
    event.add("url", page_url)
    event.add("location", page_url)
    return event


def calendar_file(webinars, *, url_of, host, name=None):
    """An .ics file (bytes) with one event per webinar; ``url_of(webinar)`` gives the
    absolute address of its page."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    for webinar in webinars:
        calendar.add_component(webinar_event(webinar, url_of(webinar), host))
    return calendar.to_ical()


def google_calendar_url(webinar, page_url):
    stamp = "%Y%m%dT%H%M%SZ"
    dates = f"{_utc(webinar.starts_at).strftime(stamp)}/{_utc(webinar.ends_at).strftime(stamp)}"
    query = urlencode({
        "action": "TEMPLATE",
        "text": webinar.title,
        "dates": dates,
        "details": f"{webinar.speaker}\n{page_url}",
        "location": page_url,
    })
    return f"https://calendar.google.com/calendar/render?{query}"


def registered_webinars(user_id, since=None):
    """The live webinars ``user_id`` is registered for, from a year back, soonest first."""
    since = since or timezone.now() - datetime.timedelta(days=365)
    return (
        WebinarPage.objects.live()
        .filter(registrations__user_id=user_id, starts_at__gte=since)
        .order_by("starts_at")
    )
