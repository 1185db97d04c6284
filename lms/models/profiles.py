from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..scope import ScopedQuerySet
from .organisations import Organisation


class LearnerCategory(models.TextChoices):
    """Who the learner is in the union. The first five are the columns of the coverage table."""

    MEMBER = "member", _("Union member")
    AUDIT_COMMISSION = "audit_commission", _("Audit commission member")
    ACTIVIST = "activist", _("Union activist")
    PRIMARY_CHAIR = "primary_chair", _("Chair of a primary organisation")
    CONCILIATION_COMMISSION = "conciliation_commission", _("Conciliation commission member")
    SAFETY_INSPECTOR = "safety_inspector", _("Technical labour-safety inspector")
    LEGAL_INSPECTOR = "legal_inspector", _("Legal inspector")
    ACCOUNTANT = "accountant", _("Accountant")
    DISTRICT_CHAIR = "district_chair", _("Chair of a district or city committee")
    PERSONNEL_RESERVE = "personnel_reserve", _("Personnel reserve")
    YOUNG_TEACHER = "young_teacher", _("Young teacher")


COVERAGE_TABLE_CATEGORIES = [
    LearnerCategory.MEMBER,
    LearnerCategory.AUDIT_COMMISSION,
    LearnerCategory.ACTIVIST,
    LearnerCategory.PRIMARY_CHAIR,
    LearnerCategory.CONCILIATION_COMMISSION,
]


class LearnerProfileQuerySet(ScopedQuerySet, models.QuerySet):
    pass


class LearnerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        help_text=_("The primary organisation (school, kindergarten, college) you belong to."),
    )
    # The category the union's coverage table counts: set or confirmed by an administrator
    # of the member's organisation. What members say of themselves waits in claimed_category.
    category = models.CharField(
        _("learner category"),
        max_length=32,
        choices=LearnerCategory.choices,
        default=LearnerCategory.MEMBER,
    )
    claimed_category = models.CharField(
        _("category awaiting confirmation"),
        max_length=32,
        choices=LearnerCategory.choices,
        blank=True,
        help_text=_("What the member says they are; counted once an administrator confirms it."),
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(
        _("interface language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    administered_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("administers"),
        on_delete=models.PROTECT,
        related_name="administrators",
        null=True,
        blank=True,
        help_text=_(
            "For organisation administrators: the organisation whose data they see, "
            "with everything below it."
        ),
    )

    objects = LearnerProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("learner profile")
        verbose_name_plural = _("learner profiles")
        indexes = [models.Index(fields=["organisation", "category"])]

    def __str__(self):
        return str(self.user)

    @property
    def described_category(self):
        """The category the member says they are (pending or confirmed): what the catalogue
        recommends by. Reports count ``category`` only."""
        return self.claimed_category or self.category
