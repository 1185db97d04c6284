"""In-person training: seminars, trainings, round tables... and who attended them.

An attendance counts as "trained" in the coverage report in the year of the event's date.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.models import Organisation, Tier, Topic
from lms.scope import ScopedQuerySet


class EventKind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    TRAINING = "training", _("Training")
    ROUND_TABLE = "round_table", _("Round table")
    EXPERIENCE_EXCHANGE = "experience_exchange", _("Experience exchange")
    CONFERENCE = "conference", _("Conference")
    OFFSITE_SEMINAR = "offsite_seminar", _("Off-site seminar")


class TrainingEventQuerySet(ScopedQuerySet, models.QuerySet):
    # ``under(organisation)``: events organised by ``organisation`` or anything below it.

    def in_year(self, year):
        return self.filter(date__year=year)


class TrainingEvent(models.Model):
    """An in-person event recorded by an administrator of the organisation that held it."""

    kind = models.CharField(_("form"), max_length=24, choices=EventKind.choices, default=EventKind.SEMINAR)
    title = models.CharField(_("title"), max_length=255)
    date = models.DateField(_("date"), db_index=True)
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices, default=Tier.DISTRICT_SCHOOL)
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organised by"), on_delete=models.PROTECT, related_name="training_events"
    )
    # A trainer with an account is linked (and gets the feedback results); a guest
    # lecturer is a name.
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("trainer (account)"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="training_events_given",
    )
    trainer_name = models.CharField(_("trainer"), max_length=255, blank=True)
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingEventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("training event")
        verbose_name_plural = _("training events")

    def __str__(self):
        return f"{self.title} ({self.date:%d.%m.%Y})"

    @property
    def trainer_display(self):
        if self.trainer_id:
            return self.trainer.display_name
        return self.trainer_name


class EventAttendance(models.Model):
    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("participant"), on_delete=models.CASCADE,
        related_name="event_attendances",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event attendance")
        verbose_name_plural = _("event attendances")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_attendance_per_event"),
        ]
        indexes = [models.Index(fields=["user", "event"])]

    def __str__(self):
        return f"{self.user} → {self.event}"
