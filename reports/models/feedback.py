"""Questionnaires: a learner's ratings after a course or an event, and the follow-up 90
days after a course, asking whether it was applied in practice."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import Enrolment

from .events import EventAttendance

RATING_FIELDS = ("overall", "usefulness", "trainer_rating", "materials")
RATING_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def _rating(label):
    return models.PositiveSmallIntegerField(label, validators=RATING_VALIDATORS)


class FeedbackAnswer(models.Model):
    """One person's answers about one course (their enrolment) or one event (their
    attendance): exactly one of the two is set, and each is answered at most once."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    attendance = models.OneToOneField(
        EventAttendance, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    overall = _rating(_("Overall, how do you rate it?"))
    usefulness = _rating(_("How useful is it for your union work?"))
    trainer_rating = _rating(_("How clear was the trainer or the material?"))
    materials = _rating(_("How good were the materials and the organisation?"))
    comment = models.TextField(_("What was most useful, and what should be improved?"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(enrolment__isnull=False, attendance__isnull=True)
                | Q(enrolment__isnull=True, attendance__isnull=False),
                name="feedback_about_one_subject",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}), name=f"feedback_{name}_1_to_5"
                )
                for name in RATING_FIELDS
            ),
        ]

    def __str__(self):
        return f"{self.enrolment or self.attendance}: {self.overall}"


class Applied(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class FollowUpAnswer(models.Model):
    """Asked some time after a completed course: was what was learned used in practice?"""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="follow_up")
    applied = models.CharField(
        _("Have you applied what you learned in your work?"), max_length=8, choices=Applied.choices
    )
    example = models.TextField(_("How? An example, or what stood in the way"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follow-up answer")
        verbose_name_plural = _("follow-up answers")

    def __str__(self):
        return f"{self.enrolment}: {self.applied}"
