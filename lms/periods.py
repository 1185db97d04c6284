"""Years as the union counts them: calendar years in the site's time zone (Almaty), from
the first year the platform holds records for."""

import datetime

from django.utils import timezone

# The earliest year reports and plans offer.
FIRST_YEAR = 2018


def this_year():
    return timezone.localdate().year


def year_bounds(year):
    """The first moment of ``year`` and of the next one, in the site's time zone."""
    zone = timezone.get_default_timezone()
    return (
        timezone.make_aware(datetime.datetime(year, 1, 1), zone),
        timezone.make_aware(datetime.datetime(year + 1, 1, 1), zone),
    )


def years_offered(ahead=0):
    """The years a year filter offers, newest first."""
    return range(this_year() + ahead, FIRST_YEAR - 1, -1)


def requested_year(request, default=None, ahead=1):
    """The year in the request's ``?year=``, if it is one the platform offers."""
    raw = request.GET.get("year", "")
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= this_year() + ahead:
        return int(raw)
    return default or this_year()
