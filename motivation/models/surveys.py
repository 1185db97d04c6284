"""Surveys of members' training needs: topics, preferred format and time."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import LearnerCategory, Organisation, Topic
from lms.scope import ScopedQuerySet, ancestor_paths


class PreferredFormat(models.TextChoices):
    ONLINE_COURSE = "online_course", _("Online course at my own pace")
    WEBINAR = "webinar", _("Webinar")
    IN_PERSON = "in_person", _("In-person seminar or training")
    BLENDED = "blended", _("Online and in person")


class PreferredTime(models.TextChoices):
    WORKING_HOURS = "working_hours", _("During working hours")
    EVENINGS = "evenings", _("Weekday evenings")
    WEEKENDS = "weekends", _("Weekends")
    HOLIDAYS = "holidays", _("School holidays")


class NeedsSurveyQuerySet(ScopedQuerySet, models.QuerySet):
    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)

    def for_member_of(self, organisation):
        """Surveys sent to ``organisation`` or to any organisation above it."""
        if organisation is None:
            return self.none()
        return self.filter(organisation__path__in=ancestor_paths(organisation))


class NeedsSurvey(models.Model):
    """A short survey an administrator sends to the members of a subtree."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("sent to the members of"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    topics = models.ManyToManyField(
        Topic,
        verbose_name=_("topics offered"),
        related_name="+",
        help_text=_("The topics members choose from."),
    )
    opens_on = models.DateField(_("opens on"), default=timezone.localdate)
    closes_on = models.DateField(_("closes on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NeedsSurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("needs survey")
        verbose_name_plural = _("needs surveys")

    def __str__(self):
        return self.title

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on


class SurveyResponse(models.Model):
    """One member's answer. The category and organisation are those of the member when
    they answered, so results do not shift when a profile changes later."""

    survey = models.ForeignKey(NeedsSurvey, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(_("learner category"), max_length=32, choices=LearnerCategory.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    topics = models.ManyToManyField(Topic, verbose_name=_("topics I need"), related_name="survey_responses")
    preferred_format = models.CharField(_("preferred format"), max_length=16, choices=PreferredFormat.choices)
    preferred_time = models.CharField(_("preferred time"), max_length=16, choices=PreferredTime.choices)
    comment = models.TextField(_("anything else"), blank=True, max_length=1000)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="one_answer_per_survey")]

    def __str__(self):
        return f"{self.survey_id}: {self.user_id}"
