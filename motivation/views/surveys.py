"""Needs surveys, the administrator's side: the list, sending one, and its results."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lms.permissions import administrator_required, requested_organisation
from reports.views.exports import export_response

from ..forms import SurveyForm
from ..services import surveys as service
from .common import require

SURVEYS_PER_PAGE = 30


@administrator_required
def survey_list(request):
    require(request, "view_needssurvey")
    organisation = requested_organisation(request)
    listing = Paginator(service.surveys_within(request.user, organisation), SURVEYS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "motivation/survey_list.html",
        {
            "organisation": organisation,
            "listing": listing,
            "can_add": request.user.has_perm("motivation.add_needssurvey"),
        },
    )


@administrator_required
def survey_create(request):
    require(request, "add_needssurvey")
    current = requested_organisation(request) if request.GET.get("org") else None
    form = SurveyForm(
        request.POST or None,
        user=request.user,
        current=current,
        initial={"organisation": (current or request.report_root).pk},
    )
    if request.method == "POST" and form.is_valid():
        survey = service.create_survey(request.user, form.save(commit=False), form.cleaned_data["topics"])
        messages.success(
            request,
            _(
                "The survey is sent: members of %(organisation)s see it on their "
                "Achievements page while it is open."
            )
            % {"organisation": survey.organisation},
        )
        return redirect("motivation:survey_results", pk=survey.pk)
    return render(request, "motivation/survey_form.html", {"form": form})


@administrator_required
def survey_results(request, pk):
    require(request, "view_needssurvey")
    survey = service.survey_for_admin(request.user, pk)
    if survey is None:
        raise Http404
    results = service.survey_results(request.user, survey)
    if request.GET.get("export"):
        return export_response(request.GET["export"], results.tables(), f"survey-{survey.pk}")
    return render(
        request,
        "motivation/survey_results.html",
        {
            "survey": survey,
            "results": results,
            "tables": results.tables(),
        },
    )
