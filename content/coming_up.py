"""The webinars a member registered for, on the "Coming up" list of "My learning"
(``lms.coming_up``)."""

from django.utils.translation import gettext as _

from lms.coming_up import Source, Upcoming

from .services import registered_webinars
from .services.webinars import LONGEST


def webinars_coming_up(user, now, limit):
    """Her registered webinars that have not ended yet (one may be on now), soonest first;
    one query."""
    webinars = registered_webinars(user.pk, since=now - LONGEST)[: limit * 2]
    return [
        Upcoming(at=webinar.starts_at, label=_("Webinar"), title=webinar.title, url=webinar.url,
                 language=webinar.language)
        for webinar in webinars
        if not webinar.has_ended(now)
    ][:limit]


WEBINARS = Source("webinars", webinars_coming_up)
