"""Mentoring: an administrator pairs a new activist with an experienced mentor."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import Organisation
from lms.scope import ScopedQuerySet


class MentorshipQuerySet(ScopedQuerySet, models.QuerySet):
    def active(self):
        return self.filter(ended_on__isnull=True)


class Mentorship(models.Model):
    """While it lasts, the mentor sees the mentee's progress and test results (nothing
    else), and both are reminded when the mentee stalls. ``organisation`` is the mentee's
    organisation at the time of pairing: it decides which administrators see the pairing."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentees_as_mentor",
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentee"),
        on_delete=models.CASCADE,
        related_name="mentorships",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(_("started"), default=timezone.localdate)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        constraints = [
            # One mentor at a time for a new activist.
            models.UniqueConstraint(
                fields=["mentee"], condition=Q(ended_on__isnull=True), name="one_active_mentor"
            ),
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="mentor_is_not_mentee"),
        ]

    def __str__(self):
        return f"{self.mentor} → {self.mentee}"

    @property
    def is_active(self):
        return self.ended_on is None
