"""django-allauth's account adapter: the per-account lockout of ``services.lockout``, and
emails (address verification, password reset) in the person's language with links to the
public site address."""

from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import ngettext

from .services import lockout


class PublicSite:
    """What allauth's email templates call ``current_site``: the site's name and the host
    of ``SITE_URL``."""

    def __init__(self):
        self.name = settings.SITE_NAME
        self.domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc


def public_url(url):
    """``url`` on the public site address (``SITE_URL``): the scheme and host of the request
    that sent the email (an internal name behind the proxy, or whatever Host header a
    visitor sent) never reach a mailbox."""
    site = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    parts = urlsplit(url)
    return urlunsplit((site.scheme, site.netloc, parts.path, parts.query, parts.fragment))


def _identifier(credentials):
    return credentials.get("email") or credentials.get("username") or ""


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Every allauth email: links (``activate_url``, ``password_reset_url``,
        ``signup_url``...) point to ``SITE_URL``, and the text is in the language the person
        chose (a new member picks it on the sign-up form), else the page's."""
        context = {
            **context,
            "current_site": PublicSite(),
            **{key: public_url(value) for key, value in context.items()
               if key.endswith("_url") and isinstance(value, str) and "://" in value},
        }
        profile = getattr(context.get("user"), "profile", None)
        language = getattr(profile, "language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

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
