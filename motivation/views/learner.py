"""A member's pages: achievements, a badge's public page, the leaderboard, needs surveys,
and a mentor's view of their mentees."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import LearnerProfile
from lms.periods import this_year
from lms.permissions import report_root, requested_organisation

from ..forms import SurveyAnswerForm
from ..models import Mentorship
from ..services import badges, leaderboard, mentoring, surveys


def _profile(user):
    return LearnerProfile.objects.select_related("organisation").filter(user=user).first()


@login_required
def achievements(request):
    user = request.user
    profile = _profile(user)
    organisation = profile.organisation if profile else None
    earned = badges.achievements(user)
    for award in earned.awards:
        award.share_url = request.build_absolute_uri(reverse("motivation:badge", args=[award.share_token]))
    region = leaderboard.region_of(organisation)
    standing = None
    if region is not None:
        standing = leaderboard.leaderboard(region, this_year(), limit=0, highlight=organisation.pk)
    return render(
        request,
        "motivation/achievements.html",
        {
            "achievements": earned,
            "surveys": list(surveys.open_surveys_for(user, organisation)),
            "mentorship": mentoring.mentor_of(user),
            "is_mentor": Mentorship.objects.active().filter(mentor=user).exists(),
            "region": region,
            "standing": standing,
        },
    )


def badge(request, token):
    """The public page of one award: who, which badge, when. Nothing else."""
    award = badges.shared_award(token)
    if award is None:
        raise Http404
    return render(
        request,
        "motivation/badge_public.html",
        {
            "award": award,
            "name": award.user.get_full_name() or _("A member of the union"),
        },
    )


@login_required
def leaderboard_page(request):
    """Administrators rank any organisation of their subtree (``?org=``); a member sees
    the primary organisations of their own region."""
    if report_root(request.user) is not None:
        request.report_root = report_root(request.user)
        scope = requested_organisation(request)
        highlight = None
    else:
        profile = _profile(request.user)
        organisation = profile.organisation if profile else None
        scope = leaderboard.region_of(organisation)
        if scope is None or request.GET.get("org", str(scope.pk)) != str(scope.pk):
            raise Http404
        highlight = organisation.pk
    try:
        leaderboard.check_leaderboard(request.user, scope)
    except PermissionDenied:
        raise Http404 from None
    raw_page = request.GET.get("page", "1")
    page = int(raw_page) if raw_page.isdigit() and int(raw_page) > 0 else 1
    size = leaderboard.PAGE_SIZE
    board = leaderboard.leaderboard(
        scope, this_year(), offset=(page - 1) * size, limit=size, highlight=highlight
    )
    return render(
        request,
        "motivation/leaderboard.html",
        {
            "board": board,
            "page": page,
            "highlight": highlight,
            "mine_shown": board.mine is not None
            and any(row.organisation_id == highlight for row in board.rows),
        },
    )


@login_required
def survey_answer(request, pk):
    profile = _profile(request.user)
    survey, existing = surveys.survey_for_member(request.user, profile.organisation if profile else None, pk)
    if survey is None:
        raise Http404
    is_open = survey.is_open()
    form = SurveyAnswerForm(request.POST or None, survey=survey)
    refusal = None
    if request.method == "POST" and existing is None and is_open and form.is_valid():
        try:
            surveys.answer(request.user, survey, **form.cleaned_data)
        except surveys.SurveyRefused as error:
            refusal = str(error)
        else:
            messages.success(request, _("Thank you for your answers!"))
            return redirect("motivation:achievements")
    return render(
        request,
        "motivation/survey_answer.html",
        {
            "survey": survey,
            "form": form,
            "answered": existing is not None,
            "is_open": is_open,
            "refusal": refusal,
            "today": timezone.localdate(),
        },
    )


@login_required
def mentees(request):
    return render(request, "motivation/mentees.html", {"mentorships": mentoring.mentees_of(request.user)})


@login_required
def mentee(request, pk):
    """What a mentor sees of one mentee: name, organisation, progress and test results."""
    mentorship = mentoring.mentorship_for_mentor(request.user, pk)
    if mentorship is None:
        raise Http404
    return render(
        request,
        "motivation/mentee.html",
        {
            "mentorship": mentorship,
            "progress": mentoring.mentee_progress(mentorship),
        },
    )
