"""Yearly training plans: what an organisation means to hold, approved by its body."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from lms.models import LearnerCategory, Organisation, Tier, Topic
from lms.scope import ScopedQuerySet
from reports.models import EventKind


class PlanForm(models.TextChoices):
    """The forms of training: the two online ones, then the in-person kinds that reports
    records events under (same values, so actual attendance is matched by kind)."""

    ONLINE_COURSE = "online_course", _("Online course")
    WEBINAR = "webinar", _("Webinar")
    SEMINAR = EventKind.SEMINAR.value, EventKind.SEMINAR.label
    TRAINING = EventKind.TRAINING.value, EventKind.TRAINING.label
    ROUND_TABLE = EventKind.ROUND_TABLE.value, EventKind.ROUND_TABLE.label
    EXPERIENCE_EXCHANGE = EventKind.EXPERIENCE_EXCHANGE.value, EventKind.EXPERIENCE_EXCHANGE.label
    CONFERENCE = EventKind.CONFERENCE.value, EventKind.CONFERENCE.label
    OFFSITE_SEMINAR = EventKind.OFFSITE_SEMINAR.value, EventKind.OFFSITE_SEMINAR.label


ONLINE_FORMS = (PlanForm.ONLINE_COURSE, PlanForm.WEBINAR)


class TrainingPlanQuerySet(ScopedQuerySet, models.QuerySet):
    pass


class TrainingPlan(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2018), MaxValueValidator(2100)]
    )
    approved_by = models.CharField(
        _("approved by"),
        max_length=200,
        blank=True,
        help_text=_("The body that approved the plan, e.g. “Executive committee”."),
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=200, blank=True, help_text=_("E.g. “Resolution No. 2, item 1”.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "organisation__path"]
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_plan_per_year")]

    def __str__(self):
        return f"{self.organisation} · {self.year}"

    @property
    def is_approved(self):
        return bool(self.approved_by and self.approved_on)


class PlanItem(models.Model):
    """One planned event or course of the plan, in a month, for a number of participants."""

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="items")
    form = models.CharField(_("form"), max_length=24, choices=PlanForm.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    topic = models.ForeignKey(Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="+")
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices, default=Tier.DISTRICT_SCHOOL)
    audience = models.CharField(
        _("for learner category"),
        max_length=32,
        choices=LearnerCategory.choices,
        blank=True,
        help_text=_("Empty: everyone."),
    )
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    planned_participants = models.PositiveIntegerField(
        _("planned participants"), validators=[MinValueValidator(1), MaxValueValidator(1_000_000)]
    )

    class Meta:
        ordering = ["month", "pk"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="plan_month_1_12"),
        ]

    def __str__(self):
        return self.title or f"{self.get_form_display()} · {self.topic}"

    @property
    def month_name(self):
        return MONTHS.get(self.month, "")
