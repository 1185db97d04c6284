"""Who may see which organisation's data. Every view, report and export asks here."""

from .models import Organisation

VIEW_ORGANISATION_REPORTS = "lms.view_organisation_reports"


def administered_organisation(user):
    """The organisation an administrator is scoped to, or None for everyone else."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not user.has_perm(VIEW_ORGANISATION_REPORTS):
        return None
    profile = getattr(user, "profile", None)
    return profile.administered_organisation if profile else None


def visible_organisations(user):
    """The organisations whose data ``user`` may see: all for a superuser, a subtree for an
    organisation administrator, none for anyone else."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Organisation.objects.all()
    scope = administered_organisation(user)
    if scope is None:
        return Organisation.objects.none()
    return Organisation.objects.subtree_of(scope)


def can_view_organisation(user, organisation):
    """May ``user`` see the data of ``organisation`` (its members, results, reports)?"""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return True
    scope = administered_organisation(user)
    return scope is not None and organisation.is_within(scope)
