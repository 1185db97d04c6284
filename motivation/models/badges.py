"""Badges: rules an administrator sets, and the awards the background job makes from them.

An award is made once per person and rule (the unique constraint is what guarantees it,
however often the job runs) and carries an unguessable token for its public page.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models import LearningPath, Topic
from lms.models.bilingual import Bilingual

from .. import badge_rules


class RuleKind(models.TextChoices):
    """The codes and names of motivation's own kinds of rule (``services.badge_rules``);
    other apps register more with ``badge_rules``."""

    FIRST_COURSE = "first_course", _("First course completed")
    PATH_FINISHED = "path_finished", _("A learning path finished")
    COURSES_IN_YEAR = "courses_in_year", _("Courses completed in one year")
    TOP_POST_TEST = "top_post_test", _("Top score in a final test")
    WEBINAR_SERIES = "webinar_series", _("Webinars attended")



class BadgeRuleQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class BadgeRule(models.Model):
    """How a badge is earned: a registered kind (``badge_rules``) with the figures an
    administrator sets."""

    kind = models.CharField(_("rule"), max_length=badge_rules.CODE_LENGTH, choices=badge_rules.choices)
    name_ru = models.CharField(_("name in Russian"), max_length=120)
    name_kk = models.CharField(_("name in Kazakh"), max_length=120)
    description_ru = models.CharField(_("description in Russian"), max_length=300, blank=True)
    description_kk = models.CharField(_("description in Kazakh"), max_length=300, blank=True)
    points = models.PositiveSmallIntegerField(_("points"), default=10)
    threshold = models.PositiveSmallIntegerField(
        _("threshold"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Courses in a year: how many. Top score: the score in percent. Webinars: how many."),
    )
    learning_path = models.ForeignKey(
        LearningPath,
        verbose_name=_("learning path"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For “a learning path finished”: this path only (empty: any path)."),
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For webinars: count only webinars on this topic (empty: any topic)."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive rules award nothing new; awards made stay.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BadgeRuleQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "threshold", "pk"]
        verbose_name = _("badge rule")
        verbose_name_plural = _("badge rules")

    def __str__(self):
        return self.name

    name = Bilingual()
    description = Bilingual()

    def clean(self):
        kind = badge_rules.get(self.kind)
        if kind is None:
            return  # the field's own check says the kind is unknown
        if kind.threshold and not self.threshold:
            raise ValidationError(
                {"threshold": _("This rule needs a threshold: %(meaning)s.") % {"meaning": kind.threshold}}
            )
        if kind.validate:
            kind.validate(self)
        if not kind.threshold:
            self.threshold = None
        if "learning_path" not in kind.uses:
            self.learning_path = None
        if "topic" not in kind.uses:
            self.topic = None


def new_share_token():
    return secrets.token_urlsafe(16)


class Award(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="awards")
    rule = models.ForeignKey(
        BadgeRule, verbose_name=_("badge"), on_delete=models.CASCADE, related_name="awards"
    )
    # The rule's points when the badge was earned: changing a rule later rewrites no history.
    points = models.PositiveSmallIntegerField(_("points"), default=0)
    awarded_at = models.DateTimeField(_("awarded"), default=timezone.now)
    share_token = models.CharField(max_length=32, unique=True, default=new_share_token, editable=False)

    class Meta:
        ordering = ["-awarded_at", "-pk"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [models.UniqueConstraint(fields=["user", "rule"], name="one_award_per_rule")]

    def __str__(self):
        return f"{self.rule} → {self.user_id}"
