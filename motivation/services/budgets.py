"""Training budgets against the union's norm: at least 10% of an organisation's expense
budget goes on training its staff and activists (seeds 000, 001; the figure is the setting
``TRAINING_BUDGET_NORM_PERCENT``)."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from lms.permissions import check_organisation
from reports.services.tables import Column, ReportTable, Share

from ..models import TrainingBudget

ROWS_SHOWN = 200
ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=16, decimal_places=2))


def norm_percent():
    return settings.TRAINING_BUDGET_NORM_PERCENT


def below_norm(spend, budget):
    """Is the training share below the norm? None when there is no budget to compare with.
    Compared exactly, before any rounding."""
    if not budget:
        return None
    return Decimal(spend) * 100 < Decimal(budget) * norm_percent()


def training_share(spend, budget):
    """The share of the budget spent on training, as a Share shown with the places that
    decide it against the norm: one decimal, unless rounding would lift a share below the
    norm up to it (99,960 of 1,000,000 is 9.996 %, "10.0 %" would read as meeting a 10 %
    norm): then two, cut rather than rounded ("9.99 %")."""
    if not budget:
        return None
    exact = Decimal(spend) * 100 / Decimal(budget)
    if below_norm(spend, budget) and exact.quantize(Decimal("0.1"), ROUND_HALF_UP) >= norm_percent():
        return Share(float(exact), decimals=2, shown=float(exact.quantize(Decimal("0.01"), ROUND_DOWN)))
    return Share(float(exact))


@dataclass
class BudgetRow:
    label: str
    budget: Decimal
    spend: Decimal
    level: int = 0
    organisation_id: int | None = None

    @property
    def share(self):
        return training_share(self.spend, self.budget)

    @property
    def below_norm(self):
        return below_norm(self.spend, self.budget)


@dataclass
class BudgetReport:
    organisation: object
    year: int
    norm: int
    rows: list  # BudgetRow per organisation of the subtree with a budget, in tree order
    total: BudgetRow
    reported: int
    below: int
    more: int  # rows not shown (beyond ROWS_SHOWN)
    own: TrainingBudget | None
    missing: list  # children of the organisation with no budget for the year
    budgets: object = None  # every budget of the subtree for the year, for the exports

    def all_rows(self):
        """A BudgetRow per budget of the subtree, read as they are written (an export of
        thousands of organisations is not cut at the page's ROWS_SHOWN)."""
        top = self.organisation.depth
        for budget in self.budgets.select_related("organisation").order_by("organisation__path").iterator(
            chunk_size=2000
        ):
            yield _row(budget, top)

    def tables(self):
        columns = [
            Column(_("Organisation")),
            Column(_("Expense budget, tenge"), "amount"),
            Column(_("Spent on training, tenge"), "amount"),
            Column(_("Share, %"), "percent"),
            Column(_("Below the norm")),
        ]

        def values(row):
            flag = {True: _("yes"), False: _("no"), None: ""}[row.below_norm]
            return [row.label, row.budget, row.spend, row.share, flag]

        return [
            ReportTable(
                key="budget-shares",
                title=_("Training budgets %(year)s: %(organisation)s (norm %(norm)d%%)")
                % {"year": self.year, "organisation": self.organisation.name, "norm": self.norm},
                columns=columns,
                rows=(values(row) for row in self.all_rows()),
                total=values(self.total),
            )
        ]


def _row(budget, top):
    return BudgetRow(
        label=budget.organisation.name,
        budget=budget.expense_budget,
        spend=budget.training_spend,
        level=budget.organisation.depth - top,
        organisation_id=budget.organisation_id,
    )


def budget_report(user, organisation, year, *, limit=ROWS_SHOWN):
    """Each budget entered in ``organisation``'s subtree for ``year`` with its training
    share, flagged below the norm, and the subtree's total. Four queries."""
    check_organisation(user, organisation)
    norm = norm_percent()
    budgets = TrainingBudget.objects.under(organisation).filter(year=year)
    threshold = F("expense_budget") * Decimal(norm) / Decimal(100)
    totals = budgets.aggregate(
        budget=Coalesce(Sum("expense_budget"), ZERO),
        spend=Coalesce(Sum("training_spend"), ZERO),
        reported=Count("pk"),
        below=Count("pk", filter=Q(training_spend__lt=threshold, expense_budget__gt=0)),
    )
    shown = list(budgets.select_related("organisation").order_by("organisation__path")[:limit])
    rows = [_row(b, organisation.depth) for b in shown]
    own = next((b for b in shown if b.organisation_id == organisation.pk), None)
    if own is None and len(shown) == limit:
        own = budgets.filter(organisation=organisation).first()
    missing = list(
        organisation.get_children().exclude(
            pk__in=TrainingBudget.objects.filter(year=year).values("organisation_id")
        )
    )
    total = BudgetRow(label=_("Total"), budget=totals["budget"], spend=totals["spend"])
    return BudgetReport(
        organisation=organisation,
        year=year,
        norm=norm,
        rows=rows,
        total=total,
        reported=totals["reported"],
        below=totals["below"],
        more=max(0, totals["reported"] - len(rows)),
        own=own,
        missing=missing,
        budgets=budgets,
    )


def budget_for(user, organisation, year):
    """The organisation's budget for the year (unsaved if none yet), if the user may see it."""
    check_organisation(user, organisation)
    return TrainingBudget.objects.filter(organisation=organisation, year=year).first() or TrainingBudget(
        organisation=organisation, year=year
    )


def save_budget(user, budget):
    check_organisation(user, budget.organisation)
    budget.updated_by = user
    budget.save()
    return budget
