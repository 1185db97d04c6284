"""What every report shares: whose data a user may see, year boundaries, and the key that
groups an organisation's subtree by its children."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import Organisation
from lms.permissions import administered_organisation, can_view_organisation


def report_root(user):
    """The organisation a user's reports start from: their administered organisation, the
    Central Committee for a superuser, None for everyone else."""
    scope = administered_organisation(user)
    if scope is None and user.is_authenticated and user.is_active and user.is_superuser:
        scope = Organisation.get_first_root_node()
    return scope


def check_organisation(user, organisation):
    """Every report and export calls this before it reads anything of ``organisation``."""
    if organisation is None or not can_view_organisation(user, organisation):
        raise PermissionDenied(_("You do not administer this organisation."))


def year_bounds(year):
    """The first moment of ``year`` and of the next one, in the site's time zone (Almaty)."""
    zone = timezone.get_default_timezone()
    return (
        timezone.make_aware(datetime.datetime(year, 1, 1), zone),
        timezone.make_aware(datetime.datetime(year + 1, 1, 1), zone),
    )


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
