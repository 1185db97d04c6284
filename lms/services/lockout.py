"""Per-account lockout after wrong passwords: a short pause that grows with each further
wrong password, forgotten after a quiet day, and lifted at once by a password reset.

Every way in (the site, the Wagtail and Django admin, which send their login pages here)
signs in through allauth, whose adapter (``lms.adapters.AccountAdapter``) asks this module
before checking a password and tells it of each failure."""

import datetime
import math

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import LoginLockout

FORGET_AFTER = datetime.timedelta(days=1)


def _free_failures():
    return settings.LOGIN_LOCKOUT_FREE_FAILURES


def pause_after(failures):
    """How long sign-in pauses after ``failures`` wrong passwords in a row: nothing for the
    first few, then the base pause, doubling with each further one, up to the longest."""
    over = failures - _free_failures()
    if over < 0:
        return datetime.timedelta(0)
    base = settings.LOGIN_LOCKOUT_BASE_SECONDS
    longest = settings.LOGIN_LOCKOUT_MAX_SECONDS
    return datetime.timedelta(seconds=min(base * 2 ** min(over, 32), longest))


def normalise(identifier):
    return (identifier or "").strip().lower()


def locked_until(identifier, now=None):
    """The moment sign-in for ``identifier`` resumes, or None when it is not paused."""
    now = now or timezone.now()
    until = (
        LoginLockout.objects.filter(identifier=normalise(identifier), locked_until__gt=now)
        .values_list("locked_until", flat=True)
        .first()
    )
    return until


def minutes_left(until, now=None):
    seconds = (until - (now or timezone.now())).total_seconds()
    return max(1, math.ceil(seconds / 60))


@transaction.atomic
def record_failure(identifier, now=None):
    """Count a wrong password for ``identifier`` and pause its sign-in when due. Returns the
    moment sign-in resumes, or None."""
    identifier = normalise(identifier)
    if not identifier:
        return None
    now = now or timezone.now()
    lockout, created = LoginLockout.objects.select_for_update().get_or_create(
        identifier=identifier, defaults={"failures": 1, "last_failure_at": now}
    )
    if not created:
        if now - lockout.last_failure_at > FORGET_AFTER:
            lockout.failures = 1
        else:
            lockout.failures = F("failures") + 1
        lockout.last_failure_at = now
        lockout.save(update_fields=["failures", "last_failure_at"])
        lockout.refresh_from_db(fields=["failures"])
    pause = pause_after(lockout.failures)
    if not pause:
        return None
    lockout.locked_until = now + pause
    lockout.save(update_fields=["locked_until"])
    return lockout.locked_until


def clear(identifier):
    """Forget the wrong passwords of ``identifier``: after a successful sign-in or a
    password reset."""
    LoginLockout.objects.filter(identifier=normalise(identifier)).delete()


def clear_for_user(user):
    """Forget the wrong passwords given for any of ``user``'s login identifiers."""
    identifiers = {normalise(user.email), normalise(user.get_username())} - {""}
    identifiers |= {normalise(e) for e in user.emailaddress_set.values_list("email", flat=True)}
    LoginLockout.objects.filter(identifier__in=identifiers).delete()
