from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from ..scope import ScopedQuerySet, is_within
from .bilingual import Bilingual


class OrganisationKind(models.TextChoices):
    CENTRAL_COMMITTEE = "central", _("Central Committee")
    MEMBER_ORGANISATION = "member", _("Member organisation")
    DISTRICT_COMMITTEE = "district", _("District or city committee")
    PRIMARY_ORGANISATION = "primary", _("Primary organisation")


# Which kind of node may stand directly below which.
CHILD_KIND = {
    OrganisationKind.CENTRAL_COMMITTEE: OrganisationKind.MEMBER_ORGANISATION,
    OrganisationKind.MEMBER_ORGANISATION: OrganisationKind.DISTRICT_COMMITTEE,
    OrganisationKind.DISTRICT_COMMITTEE: OrganisationKind.PRIMARY_ORGANISATION,
}


class OrganisationQuerySet(ScopedQuerySet, MP_NodeQuerySet):
    # ``under(organisation)`` is the organisation and everything below it.
    organisation_field = ""


class OrganisationManager(MP_NodeManager.from_queryset(OrganisationQuerySet)):
    def get_queryset(self):
        # treebeard's manager builds its own queryset class; keep its ordering by path.
        return OrganisationQuerySet(self.model, using=self._db).order_by("path")


class Organisation(MP_Node):
    """A node of the union: Central Committee, member organisation, district committee, school.

    ``member_count`` is the membership the organisation reports for itself and everything
    below it (the figure in the union's statistical returns); coverage is trained people in
    the subtree divided by it.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices)
    name_ru = models.CharField(_("name in Russian"), max_length=255)
    name_kk = models.CharField(_("name in Kazakh"), max_length=255)
    member_count = models.PositiveIntegerField(_("members"), default=0)

    objects = OrganisationManager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        permissions = [
            ("view_organisation_reports", _("Can see the data of an organisation subtree")),
        ]
        indexes = [models.Index(fields=["kind", "depth"])]

    def __str__(self):
        return self.name

    name = Bilingual()

    def is_within(self, other):
        """True if this organisation is ``other`` or lies below it."""
        return is_within(self, other)
