from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from lms import metrics as lms_metrics

        from . import kinds, receivers, reminders
        from .metrics import RemindersSentCollector

        for kind in reminders.KINDS:
            kinds.register(kind)
        lms_metrics.register(RemindersSentCollector())
        receivers.connect()
