"""API keys for the membership registry: issued by an organisation administrator for her
subtree, shown once, kept as a SHA-256 hash of a 256-bit secret (a slow password hash adds
nothing to a secret that long and would cost every call), revocable at once.

A key reads ``oqu_<prefix>_<secret>``: the prefix finds the row, the secret is compared in
constant time. A key stops working when it is revoked, when its administrator's account is
deactivated, or when she no longer administers its organisation."""

import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.permissions import can_view_organisation, check_organisation

from .models import ApiKey

PERMISSION = "reports.add_memberimport"


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(user, organisation, name):
    """A new key of ``user`` for ``organisation``: (the ApiKey, the key to show once)."""
    check_organisation(user, organisation)
    if not user.has_perm(PERMISSION):
        raise PermissionDenied(_("You may not import members."))
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    key = ApiKey.objects.create(user=user, organisation=organisation, name=name.strip()[:100] or prefix,
                                prefix=prefix, secret_hash=_hash(secret))
    return key, f"oqu_{prefix}_{secret}"


def keys_of(user):
    return ApiKey.objects.filter(user=user).select_related("organisation")


def revoke(user, key_id):
    """Revoke one of ``user``'s own keys (another's key is not found)."""
    live = ApiKey.objects.filter(pk=key_id, user=user, revoked_at__isnull=True)
    return live.update(revoked_at=timezone.now())


def _still_allowed(key):
    """The rule ``issue`` checks, asked again at every call."""
    user = key.user
    return user.is_active and user.has_perm(PERMISSION) and can_view_organisation(user, key.organisation)


def authenticate(raw):
    """The live key ``raw`` is, or None."""
    parts = (raw or "").split("_", 2)
    if len(parts) != 3 or parts[0] != "oqu":
        return None
    _oqu, prefix, secret = parts
    key = (ApiKey.objects.select_related("user__profile__administered_organisation", "organisation")
           .filter(prefix=prefix, revoked_at__isnull=True).first())
    if key is None or not hmac.compare_digest(key.secret_hash, _hash(secret)) or not _still_allowed(key):
        return None
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key
