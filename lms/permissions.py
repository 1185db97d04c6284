"""Who may see and lead which organisation's data. Every view, report, export and admin
screen of every app asks here; the queries themselves come from ``lms.scope``.

Views of administrators' pages use ``administrator_required`` (which sets
``request.report_root``) and ``requested_organisation``; services that read an
organisation's data call ``check_organisation`` first, so every entry point (page, export,
task) is held to the same rule.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from .models import LearnerCategory, Organisation, OrganisationKind
from .scope import administered_organisation, is_union_wide

VIEW_ORGANISATION_REPORTS = "lms.view_organisation_reports"

__all__ = [
    "VIEW_ORGANISATION_REPORTS",
    "administered_organisation",
    "administers_the_union",
    "administrator_required",
    "can_view_organisation",
    "chaired_organisation",
    "check_organisation",
    "is_union_wide",
    "led_organisations",
    "may_lead",
    "report_root",
    "requested_organisation",
    "visible_ancestors",
    "visible_organisations",
]


def visible_organisations(user):
    """The organisations whose data ``user`` may see: all for a superuser, a subtree for an
    organisation administrator, none for anyone else."""
    return Organisation.objects.visible_to(user)


def can_view_organisation(user, organisation):
    """May ``user`` see the data of ``organisation`` (its members, results, reports)?"""
    if is_union_wide(user):
        return True
    scope = administered_organisation(user)
    return scope is not None and organisation.is_within(scope)


def check_organisation(user, organisation):
    """Every report and export calls this before it reads anything of ``organisation``."""
    if organisation is None or not can_view_organisation(user, organisation):
        raise PermissionDenied(_("You do not administer this organisation."))


def report_root(user):
    """The organisation a user's reports start from: their administered organisation, the
    Central Committee for a superuser, None for everyone else."""
    scope = administered_organisation(user)
    if scope is None and is_union_wide(user):
        scope = Organisation.get_first_root_node()
    return scope


def visible_ancestors(user, organisation):
    """The organisations above ``organisation`` that ``user`` may open: the breadcrumb
    trail of an organisation's pages."""
    root = report_root(user)
    if root is None:
        return []
    return [node for node in organisation.get_ancestors() if node.is_within(root)]


def administers_the_union(user):
    """Superusers and administrators of the Central Committee (the root of the tree): the
    only ones who may set what applies to the whole union, such as badge rules."""
    if is_union_wide(user):
        return True
    scope = administered_organisation(user)
    return scope is not None and scope.is_root()


def administrator_required(view):
    """Organisation administrators and superusers only; anyone else is told the page does
    not exist, as for another region's organisation. Sets ``request.report_root``."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        root = report_root(request.user)
        if root is None:
            raise Http404
        request.report_root = root
        return view(request, *args, **kwargs)

    return wrapped


def requested_organisation(request):
    """The organisation in ``?org=`` (the user's report root by default), for a view under
    ``administrator_required``. Another subtree's, or a forged number, is not found."""
    raw = request.GET.get("org", "")
    if not raw:
        return request.report_root
    if not raw.isdigit():
        raise Http404
    organisation = Organisation.objects.under(request.report_root).filter(pk=int(raw)).first()
    if organisation is None:
        raise Http404
    return organisation


def chaired_organisation(user):
    """The primary organisation whose chair ``user`` is (a confirmed category, not a
    claim), or None. A chair leads her own members' training: see ``may_lead``."""
    if not user.is_authenticated or not user.is_active:
        return None
    profile = getattr(user, "profile", None)
    if profile is None or profile.category != LearnerCategory.PRIMARY_CHAIR:
        return None
    organisation = profile.organisation
    if organisation is None or organisation.kind != OrganisationKind.PRIMARY_ORGANISATION:
        return None
    return organisation


def may_lead(user, organisation):
    """May ``user`` lead the training of ``organisation``'s members (see who is trained,
    enrol, remind, record a school seminar, confirm categories, pair mentors)? Its
    administrators up the tree and superusers may, and the chair of a primary organisation
    for her own organisation. Leading shows progress and scores, never answers."""
    if organisation is None:
        return False
    if can_view_organisation(user, organisation):
        return True
    chaired = chaired_organisation(user)
    return chaired is not None and chaired.pk == organisation.pk


def led_organisations(user):
    """The organisations ``user`` may lead (``may_lead``), as a queryset."""
    chaired = chaired_organisation(user)
    visible = visible_organisations(user)
    if chaired is None:
        return visible
    return visible | Organisation.objects.filter(pk=chaired.pk)
