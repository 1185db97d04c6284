"""Training budgets: an organisation's expense budget for a year and what of it went on
training. The union's rule (seeds 000, 001): at least 10% of the expense budget."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.models import Organisation
from lms.scope import ScopedQuerySet


class TrainingBudgetQuerySet(ScopedQuerySet, models.QuerySet):
    pass


class TrainingBudget(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2018), MaxValueValidator(2100)]
    )
    expense_budget = models.DecimalField(
        _("expense budget, tenge"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    training_spend = models.DecimalField(
        _("spent on training, tenge"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Training of union staff and activists, planned or spent so far."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrainingBudgetQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "organisation__path"]
        verbose_name = _("training budget")
        verbose_name_plural = _("training budgets")
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_budget_per_year")]

    def __str__(self):
        return f"{self.organisation} · {self.year}"

    def clean(self):
        if (
            self.expense_budget is not None
            and self.training_spend is not None
            and self.training_spend > self.expense_budget
        ):
            raise ValidationError(
                {
                    "training_spend": _(
                        "Training is part of the expense budget: it cannot be larger than the budget."
                    )
                }
            )
