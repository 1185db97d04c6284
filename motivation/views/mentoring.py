"""Mentoring, the administrator's side: the pairings of the subtree, pairing, ending."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.permissions import administrator_required, requested_organisation

from ..forms import MentorshipForm
from ..services import mentoring as service
from .common import require

PAIRS_PER_PAGE = 30


@administrator_required
def mentorship_list(request):
    require(request, "view_mentorship")
    organisation = requested_organisation(request)
    listing = Paginator(service.mentorships_within(request.user, organisation), PAIRS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "motivation/mentorship_list.html",
        {
            "organisation": organisation,
            "listing": listing,
            "can_add": request.user.has_perm("motivation.add_mentorship"),
            "can_change": request.user.has_perm("motivation.change_mentorship"),
        },
    )


@administrator_required
def mentorship_create(request):
    require(request, "add_mentorship")
    form = MentorshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pairing = service.pair(request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field, problem)
        else:
            messages.success(
                request,
                _("%(mentor)s now mentors %(mentee)s.")
                % {"mentor": pairing.mentor.display_name, "mentee": pairing.mentee.display_name},
            )
            return redirect("motivation:mentorships")
    return render(request, "motivation/mentorship_form.html", {"form": form})


@administrator_required
@require_POST
def mentorship_end(request, pk):
    require(request, "change_mentorship")
    pairing = service.pairing_for_admin(request.user, pk)
    if pairing is None:
        raise Http404
    service.end(request.user, pairing)
    messages.success(request, _("The mentoring has ended."))
    return redirect("motivation:mentorships")
