"""Training plans: the list, writing one, its items, and plan against actual."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.periods import requested_year, years_offered
from lms.permissions import administrator_required, requested_organisation
from reports.views.exports import export_response

from ..forms import PlanItemForm, TrainingPlanForm
from ..services import plans as service
from ..services.surveys import wanted_topics
from .common import require

PLANS_PER_PAGE = 30


def _plan(request, pk):
    plan = service.plan_for_admin(request.user, pk)
    if plan is None:
        raise Http404
    return plan


@administrator_required
def plan_list(request):
    require(request, "view_trainingplan")
    organisation = requested_organisation(request)
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isdigit() else None
    plans = service.plans_within(request.user, organisation, year)
    listing = Paginator(plans, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "motivation/plan_list.html",
        {
            "organisation": organisation,
            "listing": listing,
            "year": year,
            "years": years_offered(ahead=1),
            "can_add": request.user.has_perm("motivation.add_trainingplan"),
        },
    )


@administrator_required
def plan_create(request):
    require(request, "add_trainingplan")
    current = requested_organisation(request) if request.GET.get("org") else None
    form = TrainingPlanForm(
        request.POST or None,
        user=request.user,
        current=current,
        initial={"organisation": (current or request.report_root).pk, "year": requested_year(request)},
    )
    if request.method == "POST" and form.is_valid():
        plan = service.save_plan(request.user, form.save(commit=False))
        messages.success(request, _("The plan is saved. Now add its events and courses."))
        return redirect("motivation:plan", pk=plan.pk)
    return render(request, "motivation/plan_form.html", {"form": form})


@administrator_required
def plan_edit(request, pk):
    require(request, "change_trainingplan")
    plan = _plan(request, pk)
    form = TrainingPlanForm(request.POST or None, instance=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        service.save_plan(request.user, form.save(commit=False))
        messages.success(request, _("The plan is saved."))
        return redirect("motivation:plan", pk=plan.pk)
    return render(request, "motivation/plan_form.html", {"form": form, "plan": plan})


@administrator_required
def plan_detail(request, pk):
    require(request, "view_trainingplan")
    plan = _plan(request, pk)
    report = service.plan_report(request.user, plan)
    if request.GET.get("export"):
        return export_response(
            request.GET["export"], report.tables(), f"plan-{plan.organisation_id}-{plan.year}"
        )
    return render(
        request,
        "motivation/plan_detail.html",
        {
            "plan": plan,
            "report": report,
            "tables": report.tables(),
            "charts": [report.chart()],
            "items": service.items_of(plan),
            "wanted": wanted_topics(plan.organisation, plan.year),
            "can_change": request.user.has_perm("motivation.change_trainingplan"),
        },
    )


def _item(plan, item_id):
    item = service.item_of(plan, item_id)
    if item is None:
        raise Http404
    return item


def _item_form(request, plan, item=None):
    initial = {}
    if item is None and "topic" in request.GET:
        initial["topic"] = service.topic_asked_for(request.GET["topic"])
    return PlanItemForm(request.POST or None, instance=item, initial=initial)


@administrator_required
def item_create(request, pk):
    require(request, "change_trainingplan")
    plan = _plan(request, pk)
    form = _item_form(request, plan)
    if request.method == "POST" and form.is_valid():
        service.save_item(request.user, plan, form.save(commit=False))
        messages.success(request, _("The item is added to the plan."))
        return redirect("motivation:plan", pk=plan.pk)
    return render(request, "motivation/plan_item_form.html", {"form": form, "plan": plan})


@administrator_required
def item_edit(request, pk, item_id):
    require(request, "change_trainingplan")
    plan = _plan(request, pk)
    item = _item(plan, item_id)
    form = _item_form(request, plan, item)
    if request.method == "POST" and form.is_valid():
        service.save_item(request.user, plan, form.save(commit=False))
        messages.success(request, _("The item is saved."))
        return redirect("motivation:plan", pk=plan.pk)
    return render(request, "motivation/plan_item_form.html", {"form": form, "plan": plan, "item": item})


@administrator_required
@require_POST
def item_delete(request, pk, item_id):
    require(request, "change_trainingplan")
    plan = _plan(request, pk)
    _item(plan, item_id)
    service.delete_item(request.user, plan, item_id)
    messages.success(request, _("The item is removed from the plan."))
    return redirect("motivation:plan", pk=plan.pk)
