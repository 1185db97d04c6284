"""Training budgets: the share report across a subtree, and entering one organisation's
budget for a year."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.models import Organisation
from lms.periods import requested_year, years_offered
from lms.permissions import administrator_required, requested_organisation, visible_ancestors
from reports.views.exports import export_response

from ..forms import BudgetForm
from ..services import budgets as service
from .common import require


@administrator_required
def budget_report(request):
    require(request, "view_trainingbudget")
    organisation = requested_organisation(request)
    year = requested_year(request)
    report = service.budget_report(request.user, organisation, year)
    if request.GET.get("export"):
        return export_response(request.GET["export"], report.tables(), f"budgets-{organisation.pk}-{year}")
    return render(
        request,
        "motivation/budget_report.html",
        {
            "organisation": organisation,
            "year": year,
            "years": years_offered(ahead=1),
            "report": report,
            "breadcrumbs": visible_ancestors(request.user, organisation),
            "can_change": request.user.has_perm("motivation.change_trainingbudget"),
        },
    )


@administrator_required
def budget_edit(request, org_id, year):
    require(request, "change_trainingbudget")
    organisation = get_object_or_404(Organisation, pk=org_id)
    if year not in years_offered(ahead=1):
        raise Http404
    try:
        budget = service.budget_for(request.user, organisation, year)
    except PermissionDenied:
        raise Http404 from None
    form = BudgetForm(request.POST or None, instance=budget)
    report_url = f"{reverse('motivation:budgets')}?org={organisation.pk}&year={year}"
    if request.method == "POST" and form.is_valid():
        service.save_budget(request.user, form.save(commit=False))
        messages.success(request, _("The budget is saved."))
        return redirect(report_url)
    return render(
        request,
        "motivation/budget_form.html",
        {
            "form": form,
            "organisation": organisation,
            "year": year,
            "norm": service.norm_percent(),
            "cancel_url": report_url,
        },
    )
