"""django-allauth's account adapter with the per-account lockout of ``services.lockout``."""

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.utils import formats, timezone
from django.utils.translation import ngettext

from .services import lockout


def _identifier(credentials):
    return credentials.get("email") or credentials.get("username") or ""


class AccountAdapter(DefaultAccountAdapter):
    def pre_authenticate(self, request, **credentials):
        until = lockout.locked_until(_identifier(credentials))
        if until is not None:
            # Refused before the password is checked, and not counted as another failure,
            # so the owner trying again does not lengthen her own pause.
            minutes = lockout.minutes_left(until)
            raise forms.ValidationError(
                ngettext(
                    "Too many wrong passwords for this account: signing in is paused for "
                    "%(minutes)s more minute, until %(time)s. Resetting your password "
                    "unlocks the account at once.",
                    "Too many wrong passwords for this account: signing in is paused for "
                    "%(minutes)s more minutes, until %(time)s. Resetting your password "
                    "unlocks the account at once.",
                    minutes,
                )
                % {"minutes": minutes,
                   "time": formats.time_format(timezone.localtime(until), "H:i")},
                code="account_paused",
            )
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials):
        lockout.record_failure(_identifier(credentials))
        super().authentication_failed(request, **credentials)
