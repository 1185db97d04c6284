"""Who may see which organisation's data. Every view, report and export asks here."""

from .models import LearnerCategory, Organisation, OrganisationKind

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
