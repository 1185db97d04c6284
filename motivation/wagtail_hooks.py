from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from lms.permissions import report_root

from .models import BadgeRule


class BadgeRuleViewSet(ModelViewSet):
    """Badge rules, for administrators of the whole union (see ``permissions.py``)."""

    model = BadgeRule
    icon = "pick"
    menu_label = _("Badges")
    add_to_admin_menu = True
    menu_order = 910
    form_fields = [
        "kind",
        "name_ru",
        "name_kk",
        "description_ru",
        "description_kk",
        "points",
        "threshold",
        "learning_path",
        "topic",
        "active",
    ]
    list_display = [
        "name_ru",
        "name_kk",
        Column("kind", label=_("rule"), accessor="get_kind_display"),
        "threshold",
        "points",
        "active",
    ]
    list_filter = ["kind", "active"]


badge_rule_viewset = BadgeRuleViewSet("badge_rules")


@hooks.register("register_admin_viewset")
def register_badge_rules():
    return badge_rule_viewset


class PlansMenuItem(MenuItem):
    """From the admin to the plans, budgets, surveys and mentoring of one's subtree."""

    def is_shown(self, request):
        return report_root(request.user) is not None and request.user.has_perm("motivation.view_trainingplan")


@hooks.register("register_admin_menu_item")
def register_plans_menu_item():
    return PlansMenuItem(_("Training plans"), reverse("motivation:plans"), icon_name="date", order=905)
