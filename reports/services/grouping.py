"""Grouping a subtree's rows by the children of its organisation: the rows of every
report that lists an organisation's parts. People and members attached to the
organisation itself, not to one of its children, get a row of their own (``own_label``),
so that the rows add up to the organisation's total."""

from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from lms.models import Organisation, OrganisationKind

OWN_LABELS = {
    OrganisationKind.CENTRAL_COMMITTEE: _("At the Central Committee itself"),
    OrganisationKind.MEMBER_ORGANISATION: _("At the regional organisation itself"),
    OrganisationKind.DISTRICT_COMMITTEE: _("At the district committee itself"),
    OrganisationKind.PRIMARY_ORGANISATION: _("At the primary organisation itself"),
}


def child_path_length(organisation):
    return len(organisation.path) + Organisation.steplen


def child_key(path_field, organisation):
    """An expression giving, for a row below ``organisation``, the path of the child of
    ``organisation`` whose subtree holds it (or the organisation's own path for a row
    attached to the organisation itself)."""
    return Substr(path_field, 1, child_path_length(organisation))


def children_by_path(organisation):
    """The organisation's children keyed by path, in one query."""
    return {child.path: child for child in organisation.get_children()}


def own_label(organisation):
    """The label of the row of people attached to ``organisation`` itself, beside the rows
    of its children: "At the regional organisation itself"."""
    return str(OWN_LABELS.get(organisation.kind, _("At the organisation itself")))
