from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import NameForm, ProfileForm
from ..models import LearnerCategory, LearnerProfile, Organisation, OrganisationKind
from ..permissions import (
    can_view_organisation,
    chaired_organisation,
    led_organisations,
    report_root,
    visible_ancestors,
)

ORGANISATIONS_PER_PAGE_LIMIT = 200
CLAIMS_PER_PAGE = 50


@login_required
def profile(request):
    learner = services.ensure_profile(request.user)
    name_form = NameForm(request.POST or None, instance=request.user)
    profile_form = ProfileForm(request.POST or None, instance=learner)
    if request.method == "POST" and name_form.is_valid() and profile_form.is_valid():
        name_form.save()
        profile_form.save()
        services.remember_language(request, profile_form.cleaned_data["language"])
        messages.success(request, _("Your profile is saved."))
        return redirect("lms:profile")
    chaired = chaired_organisation(request.user)
    return render(
        request,
        "lms/profile.html",
        {"name_form": name_form, "profile_form": profile_form, "learner": learner,
         "chaired": chaired,
         "claims_waiting": services.category_claims(request.user).count() if chaired else 0},
    )


@login_required
def choose_organisation(request):
    """Walk down the union tree, region by district by school, and pick one's organisation."""
    learner = services.ensure_profile(request.user)
    if request.method == "POST":
        organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation"))
        try:
            services.choose_organisation(learner, organisation)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            return redirect(f"{reverse('lms:choose_organisation')}?parent={organisation.pk}")
        messages.success(
            request, _("Your organisation is now %(name)s.") % {"name": organisation.name}
        )
        return redirect("lms:profile")

    parent_id = request.GET.get("parent")
    parent = get_object_or_404(Organisation, pk=parent_id) if parent_id else None
    ancestors = [*parent.get_ancestors(), parent] if parent else []
    query = request.GET.get("q", "").strip()
    children = services.organisations_to_choose(parent, query)
    return render(
        request,
        "lms/choose_organisation.html",
        {
            "parent": parent,
            "ancestors": ancestors,
            "children": children[:ORGANISATIONS_PER_PAGE_LIMIT],
            "query": query,
            "learner": learner,
            "primary": OrganisationKind.PRIMARY_ORGANISATION,
        },
    )


@login_required
def category_claims(request):
    """Administrators confirm, correct or turn down the categories their members claim: the
    union's coverage table counts them."""
    if not led_organisations(request.user).exists():
        raise Http404
    if request.method == "POST":
        choice = request.POST.get("category", "")
        try:
            profile = services.set_category(
                request.user, _int(request.POST.get("profile")), choice or None
            )
        except LearnerProfile.DoesNotExist:
            raise Http404 from None
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            if choice:
                text = _("%(name)s is counted as: %(category)s.")
            else:
                text = _("The claim of %(name)s is turned down; reports count them as: %(category)s.")
            messages.success(request, text % {"name": profile.user.display_name,
                                              "category": profile.get_category_display()})
        return redirect("lms:category_claims")
    claims = Paginator(services.category_claims(request.user), CLAIMS_PER_PAGE)
    return render(request, "lms/category_claims.html", {
        "listing": claims.get_page(request.GET.get("page")),
        "categories": LearnerCategory.choices,
    })


def _int(value):
    return int(value) if (value or "").isdigit() else 0


@login_required
def my_organisation_scope(request):
    scope = report_root(request.user)
    if scope is None:
        raise Http404
    return redirect("lms:organisation", pk=scope.pk)


@login_required
def organisation_overview(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    # Not found rather than forbidden: another organisation's existence is not disclosed.
    if not can_view_organisation(request.user, organisation):
        raise Http404
    return render(
        request,
        "lms/organisation.html",
        {
            "organisation": organisation,
            "ancestors": visible_ancestors(request.user, organisation),
            "children": services.children_with_learner_counts(organisation),
            "registered_learners": services.learners_in_subtree(organisation),
            "claims_waiting": services.category_claims(request.user).count(),
        },
    )


@require_POST
def switch_language(request):
    try:
        services.remember_language(request, request.POST.get("language", ""))
    except ValidationError:
        return HttpResponseBadRequest(_("Unknown language."))
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    return redirect(target)


def to_site_login(request):
    """The Wagtail and Django admin login pages: there is one login, the site's, with its
    verified email, lockout and second factor. ``next`` is carried over as given; the
    login view checks it is on this site before following it."""
    target = reverse("account_login")
    next_url = request.GET.get("next", "")
    if next_url:
        target += "?" + urlencode({"next": next_url})
    return redirect(target)


def to_site_password_reset(request):
    return redirect("account_reset_password")
