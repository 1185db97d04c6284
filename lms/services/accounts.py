"""Business rules of accounts: the union tree, profiles, roles, language."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from ..models import LearnerCategory, LearnerProfile, Organisation, OrganisationKind
from ..models.organisations import CHILD_KIND
from ..permissions import can_view_organisation, led_organisations
from ..roles import Role

SESSION_LANGUAGE_KEY = "lms_language"
CHAIR_SESSION_KEY = "lms_chair"


def add_organisation(parent, *, kind, name_ru, name_kk, member_count=0):
    """Add a node to the union tree; ``parent=None`` makes the Central Committee root."""
    if parent is None:
        if kind != OrganisationKind.CENTRAL_COMMITTEE:
            raise ValidationError({"kind": _("Only the Central Committee stands at the top.")})
        return Organisation.add_root(
            kind=kind, name_ru=name_ru, name_kk=name_kk, member_count=member_count
        )
    if CHILD_KIND.get(parent.kind) != kind:
        raise ValidationError(
            {
                "kind": _("A %(kind)s cannot stand below a %(parent)s.")
                % {
                    "kind": OrganisationKind(kind).label,
                    "parent": OrganisationKind(parent.kind).label,
                }
            }
        )
    return parent.add_child(kind=kind, name_ru=name_ru, name_kk=name_kk, member_count=member_count)


def ensure_profile(user):
    """Every account has a learner profile; this creates it where it is missing."""
    try:
        return user.profile
    except LearnerProfile.DoesNotExist:
        profile, _created = LearnerProfile.objects.get_or_create(user=user)
        return profile


@transaction.atomic
def complete_signup(user, *, first_name, last_name, category, language):
    """Fill in what a new member told us on the sign-up form and make them a member."""
    user.first_name = first_name
    user.last_name = last_name
    user.save(update_fields=["first_name", "last_name"])
    profile = ensure_profile(user)
    claim_category(profile, category, save=False)
    profile.language = language
    profile.save(update_fields=["claimed_category", "language"])
    user.groups.add(Group.objects.get(name=Role.MEMBER))
    return profile


def choose_organisation(profile, organisation):
    """Attach the learner to their primary organisation (a school, kindergarten, college or
    university); members cannot place themselves at a committee, a region or the union."""
    if organisation.kind != OrganisationKind.PRIMARY_ORGANISATION:
        raise ValidationError(
            {"organisation": _("Choose your school, kindergarten, college or university: "
                               "members belong to a primary organisation.")}
        )
    profile.organisation = organisation
    profile.save(update_fields=["organisation"])


def organisations_to_choose(parent=None, query=""):
    """The organisations one level under ``parent`` (under the union without one) for the
    learner to walk down, those whose name has ``query`` in either language if given."""
    if parent is None:
        root = Organisation.get_first_root_node()
        children = root.get_children() if root else Organisation.objects.none()
    else:
        children = parent.get_children()
    if query:
        children = children.filter(Q(name_ru__icontains=query) | Q(name_kk__icontains=query))
    return children


def claim_category(profile, category, *, save=True):
    """The member says which category they are. It counts in reports only once an
    administrator confirms it; saying one's confirmed category again withdraws a claim."""
    if category not in LearnerCategory.values:
        raise ValidationError({"category": _("Unknown learner category.")})
    profile.claimed_category = "" if category == profile.category else category
    if save:
        profile.save(update_fields=["claimed_category"])


def category_claims(administrator):
    """Members whose claimed category waits for ``administrator``: those of her subtree, or
    of her primary organisation for a chair."""
    return (
        LearnerProfile.objects.filter(organisation__in=led_organisations(administrator))
        .exclude(claimed_category="")
        .select_related("user", "organisation")
        .order_by("organisation__path", "user__last_name", "user__first_name", "pk")
    )


@transaction.atomic
def set_category(administrator, profile_id, category):
    """An administrator sets (or confirms) a member's category; pass ``None`` to turn the
    member's claim down. Raises ``LearnerProfile.DoesNotExist`` for a member outside the
    administrator's subtree, as for one who does not exist."""
    profile = (
        LearnerProfile.objects.select_for_update().select_related("organisation")
        .filter(organisation__in=led_organisations(administrator))
        .get(pk=profile_id)
    )
    if not can_view_organisation(administrator, profile.organisation):
        # A chair settles her members' claims, but makes no chairs and not herself.
        if profile.user_id == administrator.pk or category == LearnerCategory.PRIMARY_CHAIR:
            raise ValidationError(
                {"category": _("Only an administrator of a higher organisation decides this.")}
            )
    if category is not None:
        if category not in LearnerCategory.values:
            raise ValidationError({"category": _("Unknown learner category.")})
        profile.category = category
    profile.claimed_category = ""
    profile.save(update_fields=["category", "claimed_category"])
    return profile


def make_organisation_administrator(user, organisation):
    """Scope ``user`` to ``organisation`` and everything below it."""
    profile = ensure_profile(user)
    profile.administered_organisation = organisation
    profile.save(update_fields=["administered_organisation"])
    user.groups.add(Group.objects.get(name=Role.ORGANISATION_ADMINISTRATOR))


def remember_language(request, language):
    """Use ``language`` for this visitor from now on, and for a signed-in user keep it."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Unknown language.")})
    request.session[SESSION_LANGUAGE_KEY] = language
    if request.user.is_authenticated:
        LearnerProfile.objects.update_or_create(
            user=request.user, defaults={"language": language}
        )


def learners_in_subtree(organisation):
    """How many registered learners belong to ``organisation`` or anything below it."""
    return LearnerProfile.objects.under(organisation).count()


def children_with_learner_counts(organisation):
    """The organisation's children, each annotated with ``learners`` in its own subtree,
    counted by the database in one query."""
    learners = (
        LearnerProfile.objects.under(OuterRef("path"))
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
    return organisation.get_children().annotate(learners=Coalesce(Subquery(learners), 0))
