from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MotivationConfig(AppConfig):
    name = "motivation"
    verbose_name = _("Motivation, mentoring and plans")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import receivers
        from .models import BadgeRule
        from .permissions import UnionWidePermissionPolicy

        receivers.connect()
        register_permission_policy(BadgeRule, UnionWidePermissionPolicy(BadgeRule))
