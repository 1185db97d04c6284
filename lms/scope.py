"""Organisation scope: the one home of "what lies under an organisation" and "which
organisations are this person's".

The union is a tree stored as materialised paths (treebeard): an organisation's subtree is
every row whose path starts with its path, one indexed prefix match. Nothing else in the
code writes that match by hand; every model whose rows belong to an organisation gets
``under(organisation)`` and ``visible_to(user)`` from ``ScopedQuerySet`` by naming the
field that leads to the organisation. Who may do what with a scope (lead, report, manage)
is decided in ``lms.permissions`` on top of this module.

This module imports no models, so the models themselves can use it.
"""

from django.db.models import Q


def is_union_wide(user):
    """Active superusers see the whole union."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def administered_organisation(user):
    """The organisation an administrator is scoped to, or None for everyone else."""
    # The permission name is spelled here rather than imported: this module sits below
    # the models, and the permission is declared on Organisation's Meta.
    if not user.is_authenticated or not user.is_active:
        return None
    if not user.has_perm("lms.view_organisation_reports"):
        return None
    profile = getattr(user, "profile", None)
    return profile.administered_organisation if profile else None


def under(organisation, field=""):
    """A filter for rows whose organisation, reached through ``field`` (for example
    ``"user__profile__organisation"``; empty for organisations themselves), is
    ``organisation`` or lies below it. ``organisation`` may also be an expression giving a
    path, such as ``OuterRef("path")`` in a subquery per organisation."""
    lookup = f"{field}__path__startswith" if field else "path__startswith"
    return Q(**{lookup: getattr(organisation, "path", organisation)})


def is_within(organisation, other):
    """True if ``organisation`` is ``other`` or lies below it."""
    return organisation.path.startswith(other.path)


def ancestor_paths(organisation):
    """The paths of ``organisation`` and of every organisation above it, root first."""
    step = type(organisation).steplen
    return [organisation.path[:end] for end in range(step, len(organisation.path) + 1, step)]


class ScopedQuerySet:
    """Mixin for the querysets of models whose rows belong to an organisation.

    ``organisation_field`` names the path from the model to that organisation.
    """

    organisation_field = "organisation"

    def under(self, organisation):
        """Rows of ``organisation`` and of everything below it."""
        return self.filter(under(organisation, self.organisation_field))

    def visible_to(self, user):
        """Rows whose organisation ``user`` may see: all for a superuser, a subtree for an
        organisation administrator, none for anyone else."""
        if is_union_wide(user):
            return self.all()
        scope = administered_organisation(user)
        if scope is None:
            return self.none()
        return self.under(scope)
