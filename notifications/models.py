from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import kinds


class ReminderQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Reminder(models.Model):
    """One reminder to one person about one subject (an enrolment, a registration, a
    stretch of inactivity). The unique constraint is what makes it arrive at most once:
    a sweep claims rows by inserting them and sends only the rows its own insert made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=kinds.CODE_LENGTH, choices=kinds.choices)
    subject = models.CharField(max_length=64)
    # What the message needs, fixed when it was claimed: e.g. {"title": ..., "days": 3}.
    params = models.JSONField(default=dict)
    claim = models.UUIDField(db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "subject"], name="one_reminder_per_subject")
        ]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self):
        return f"{self.kind} {self.subject} → {self.user_id}"


class EmailOptOut(models.Model):
    """The person does not want emails of this kind (the bell still shows them)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    kind = models.CharField(max_length=kinds.CODE_LENGTH, choices=kinds.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind")]

    def __str__(self):
        return f"{self.user_id} ✗ {self.kind}"
