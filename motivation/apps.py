from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MotivationConfig(AppConfig):
    name = "motivation"
    verbose_name = _("Motivation, mentoring and plans")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from reports import sections

        from . import badge_rules, receivers, report_sections
        from .models import BadgeRule
        from .permissions import UnionWidePermissionPolicy
        from .services.badge_rules import KINDS

        receivers.connect()
        for kind in KINDS:
            badge_rules.register(kind)
        for section in report_sections.SECTIONS:
            sections.register(section)
        register_permission_policy(BadgeRule, UnionWidePermissionPolicy(BadgeRule))
