"""Grouping a subtree's rows by the children of its organisation: the rows of every
report that lists an organisation's parts."""

from django.db.models.functions import Substr

from lms.models import Organisation


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
