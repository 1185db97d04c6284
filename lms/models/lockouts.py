from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginLockout(models.Model):
    """Wrong passwords given for one account, and until when its sign-in is paused.

    Kept in the database, not the cache, so the lockout holds while Redis is down. Keyed by
    the login identifier (the lower-cased email), so it exists also for addresses that have
    no account and tells nobody whether one does."""

    identifier = models.CharField(_("login"), max_length=254, unique=True)
    failures = models.PositiveIntegerField(_("wrong passwords"), default=0)
    last_failure_at = models.DateTimeField(_("last wrong password"))
    locked_until = models.DateTimeField(_("sign-in paused until"), null=True, blank=True)

    class Meta:
        verbose_name = _("login lockout")
        verbose_name_plural = _("login lockouts")

    def __str__(self):
        return self.identifier
