"""Training plans and plan against actual.

Actual participants come from the platform's own records, in the plan organisation's
subtree, by month of the plan's year (Almaty time):

* online course: enrolments completed by members of the subtree;
* webinar: webinar registrations of members of the subtree marked attended;
* each in-person form (seminar, training...): attendance of the events of that kind that
  the subtree's organisations held (reports' in-person events), in the month of the event.

A participant is one person at one course, webinar or event, as a plan counts them.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from content.models import WebinarRegistration
from lms.models import Enrolment, Topic
from lms.periods import year_bounds
from lms.permissions import check_organisation
from lms.scope import under
from reports.charts import Chart, Series
from reports.models import EventAttendance, TrainingEvent
from reports.services.tables import Column, ReportTable, percent

from ..models import ONLINE_FORMS, PlanForm, PlanItem, TrainingPlan

MONTH_NUMBERS = range(1, 13)


def plans_within(user, organisation, year=None):
    """Plans of ``organisation``'s subtree (of ``year`` if given) with their item count and
    planned participants."""
    check_organisation(user, organisation)
    plans = (
        TrainingPlan.objects.under(organisation)
        .select_related("organisation")
        .annotate(item_count=Count("items"), planned=Sum("items__planned_participants"))
        .order_by("-year", "organisation__path", "pk")
    )
    return plans.filter(year=year) if year else plans


def plan_for_admin(user, plan_id):
    """A plan of the administrator's subtree, or None (another region's, or no such plan)."""
    plan = TrainingPlan.objects.select_related("organisation").filter(pk=plan_id).first()
    if plan is None:
        return None
    try:
        check_organisation(user, plan.organisation)
    except PermissionDenied:
        return None
    return plan


def save_plan(user, plan):
    check_organisation(user, plan.organisation)
    if plan.pk is None:
        plan.created_by = user
    plan.save()
    return plan


def save_item(user, plan, item):
    check_organisation(user, plan.organisation)
    item.plan = plan
    item.save()
    return item


def delete_item(user, plan, item_id):
    check_organisation(user, plan.organisation)
    PlanItem.objects.filter(plan=plan, pk=item_id).delete()


def items_of(plan):
    return PlanItem.objects.filter(plan=plan).select_related("topic")


def item_of(plan, item_id):
    """The plan's item ``item_id``, or None (another plan's, or no such item)."""
    return PlanItem.objects.filter(plan=plan, pk=item_id).first()


def topic_asked_for(raw):
    """The id of the topic a link asks to plan (``?topic=``, from the survey hint), or None
    if there is no such topic."""
    if not raw.isdigit():
        return None
    return Topic.objects.filter(pk=int(raw)).values_list("pk", flat=True).first()


# --- Plan against actual ---------------------------------------------------------------


def month_name(number):
    return str(MONTHS[number])


def actual_participants(organisation, year):
    """({(month, form): participants}, {(month, form): in-person events held}) in the
    subtree of ``organisation`` in ``year``. Four aggregate queries."""
    start, end = year_bounds(year)
    zone = timezone.get_default_timezone()
    members = under(organisation, "user__profile__organisation")
    participants, held = defaultdict(int), defaultdict(int)

    def by_month(queryset, moment, form):
        rows = (
            queryset.filter(members, **{f"{moment}__gte": start, f"{moment}__lt": end})
            .annotate(month=ExtractMonth(moment, tzinfo=zone))
            .order_by()
            .values("month")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            participants[(row["month"], form)] += row["n"]

    by_month(Enrolment.objects.all(), "completed_at", PlanForm.ONLINE_COURSE.value)
    by_month(WebinarRegistration.objects.all(), "attended_at", PlanForm.WEBINAR.value)
    attendance = (
        EventAttendance.objects.filter(under(organisation, "event__organisation"), event__date__year=year)
        .annotate(month=ExtractMonth("event__date"))
        .order_by()
        .values("month", "event__kind")
        .annotate(n=Count("pk"))
    )
    for row in attendance:
        participants[(row["month"], row["event__kind"])] += row["n"]
    events = (
        TrainingEvent.objects.under(organisation)
        .in_year(year)
        .annotate(month=ExtractMonth("date"))
        .order_by()
        .values("month", "kind")
        .annotate(n=Count("pk"))
    )
    for row in events:
        held[(row["month"], row["kind"])] += row["n"]
    return participants, held


@dataclass
class PlanReport:
    plan: TrainingPlan
    planned: dict  # (month, form) -> planned participants
    items: dict  # (month, form) -> planned items
    actual: dict  # (month, form) -> participants
    held: dict  # (month, form) -> in-person events held

    def _sum(self, source, month=None, form=None):
        return sum(
            n for (m, f), n in source.items() if (month is None or m == month) and (form is None or f == form)
        )

    def months(self):
        """(month number, name, planned, actual) for the twelve months."""
        return [
            (m, month_name(m), self._sum(self.planned, month=m), self._sum(self.actual, month=m))
            for m in MONTH_NUMBERS
        ]

    def forms(self):
        """Forms that are planned or happened: (form, label, items, planned, held, actual)."""
        rows = []
        for value, label in PlanForm.choices:
            planned, actual = self._sum(self.planned, form=value), self._sum(self.actual, form=value)
            if not planned and not actual:
                continue
            held = None if value in ONLINE_FORMS else self._sum(self.held, form=value)
            rows.append((value, label, self._sum(self.items, form=value), planned, held, actual))
        return rows

    @property
    def total_planned(self):
        return self._sum(self.planned)

    @property
    def total_actual(self):
        return self._sum(self.actual)

    @property
    def fulfilment(self):
        return percent(self.total_actual, self.total_planned)

    def tables(self):
        plan = self.plan
        by_month = ReportTable(
            key="plan-months",
            title=_("Plan and actual by month, %(year)s: %(organisation)s")
            % {"year": plan.year, "organisation": plan.organisation.name},
            columns=[
                Column(_("Month")),
                Column(_("Planned participants"), "int"),
                Column(_("Actual participants"), "int"),
                Column(_("% of plan"), "percent"),
            ],
            rows=[
                [name, planned, actual, percent(actual, planned)]
                for _m, name, planned, actual in self.months()
            ],
            total=[_("Total"), self.total_planned, self.total_actual, self.fulfilment],
        )
        forms = self.forms()
        by_form = ReportTable(
            key="plan-forms",
            title=_("Plan and actual by form of training"),
            columns=[
                Column(_("Form")),
                Column(_("Items planned"), "int"),
                Column(_("Planned participants"), "int"),
                Column(_("Events held"), "int"),
                Column(_("Actual participants"), "int"),
                Column(_("% of plan"), "percent"),
            ],
            rows=[
                [label, items, planned, held, actual, percent(actual, planned)]
                for _value, label, items, planned, held, actual in forms
            ],
            total=[
                _("Total"),
                self._sum(self.items),
                self.total_planned,
                None,
                self.total_actual,
                self.fulfilment,
            ],
        )
        labels = dict(PlanForm.choices)
        detail_rows = []
        for month in MONTH_NUMBERS:
            for value, _label in PlanForm.choices:
                planned = self.planned.get((month, value), 0)
                actual = self.actual.get((month, value), 0)
                if planned or actual:
                    detail_rows.append(
                        [month_name(month), labels[value], planned, actual, percent(actual, planned)]
                    )
        detail = ReportTable(
            key="plan-detail",
            title=_("By month and form"),
            columns=[
                Column(_("Month")),
                Column(_("Form")),
                Column(_("Planned participants"), "int"),
                Column(_("Actual participants"), "int"),
                Column(_("% of plan"), "percent"),
            ],
            rows=detail_rows,
        )
        return [by_month, by_form, detail]

    def chart(self):
        months = self.months()
        return Chart(
            key="plan-months",
            title=_("Participants by month: plan and actual"),
            description=_(
                "For each month of %(year)s, the participants planned and those the platform "
                "recorded; the table below gives the numbers."
            )
            % {"year": self.plan.year},
            labels=[name for _m, name, _p, _a in months],
            series=[
                Series(_("Planned"), [planned for _m, _n, planned, _a in months], "series-2"),
                Series(_("Actual"), [actual for _m, _n, _p, actual in months], "series-1"),
            ],
            table_key="plan-months",
        )


def plan_report(user, plan):
    """Plan against actual for ``plan``, per month and form. Six queries."""
    check_organisation(user, plan.organisation)
    planned, items = defaultdict(int), defaultdict(int)
    rows = (
        PlanItem.objects.filter(plan=plan)
        .order_by()
        .values("month", "form")
        .annotate(n=Sum("planned_participants"), count=Count("pk"))
    )
    for row in rows:
        planned[(row["month"], row["form"])] += row["n"]
        items[(row["month"], row["form"])] += row["count"]
    actual, held = actual_participants(plan.organisation, plan.year)
    return PlanReport(
        plan=plan, planned=dict(planned), items=dict(items), actual=dict(actual), held=dict(held)
    )
