"""Roles are Django groups with fixed permissions, kept in step by ``ensure_role_groups``."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Site


class Role(TextChoices):
    MEMBER = "Members", _("Member")
    TRAINER = "Trainers", _("Trainer")
    METHODOLOGIST = "Methodologists", _("Methodologist")
    ORGANISATION_ADMINISTRATOR = "Organisation administrators", _("Organisation administrator")


_MEDIA = ["add", "change", "choose"]
# Trainers and methodologists write question banks and tests, and grade the essays in them.
_TESTING = [
    f"quizzes.{action}_{model}"
    for action in ("add", "change", "delete", "view")
    for model in ("question", "questionbank", "quiz")
] + ["essays.grade_essay"]

# Methodologists design certificates and redraw them after a template change.
_CERTIFICATE_DESIGN = [
    *(f"certificates.{action}_certificatetemplate" for action in ("add", "change", "delete", "view")),
    "certificates.add_rerender",
    "certificates.view_rerender",
]

MODEL_PERMISSIONS = {
    Role.MEMBER: [],
    Role.TRAINER: ["wagtailadmin.access_admin", *_TESTING],
    Role.METHODOLOGIST: ["wagtailadmin.access_admin", *_TESTING, *_CERTIFICATE_DESIGN],
    Role.ORGANISATION_ADMINISTRATOR: [
        "wagtailadmin.access_admin",
        "lms.view_organisation_reports",
        "lms.add_bulkenrolment",
        "lms.view_bulkenrolment",
        "certificates.view_certificate",
        "certificates.revoke_certificate",
        # In-person events and their attendance, and member imports (reports app).
        *(f"reports.{action}_trainingevent" for action in ("add", "change", "delete", "view")),
        "reports.add_memberimport",
        "reports.view_memberimport",
        # Training plans, budgets, needs surveys and mentoring of one's subtree; badge rules,
        # which are union-wide, only for administrators of the Central Committee (motivation app).
        *(f"motivation.{action}_{model}" for action in ("add", "change", "delete", "view")
          for model in ("trainingplan", "trainingbudget", "needssurvey", "mentorship", "badgerule")),
    ],
}
# Trainers write pages; only methodologists publish them (DESIGN.md §1).
PAGE_PERMISSIONS = {
    Role.TRAINER: ["add_page", "change_page"],
    Role.METHODOLOGIST: ["add_page", "change_page", "publish_page"],
}
COLLECTION_PERMISSIONS = {
    Role.TRAINER: [f"{action}_{model}" for action in _MEDIA for model in ("document", "image")],
    Role.METHODOLOGIST: [f"{action}_{model}" for action in _MEDIA for model in ("document", "image")],
}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_role_groups():
    """Create the role groups and give each exactly its permissions. Safe to run again."""
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root_collection = Collection.get_first_root_node()
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        group.permissions.set([_permission(p) for p in MODEL_PERMISSIONS[role]])
        if site is not None:
            for codename in PAGE_PERMISSIONS.get(role, []):
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=site.root_page,
                    permission=_permission(f"wagtailcore.{codename}"),
                )
        if root_collection is not None:
            for codename in COLLECTION_PERMISSIONS.get(role, []):
                app_label = "wagtaildocs" if codename.endswith("document") else "wagtailimages"
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_permission(f"{app_label}.{codename}"),
                )
    return Group.objects.filter(name__in=Role.values)
