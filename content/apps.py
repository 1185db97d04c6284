from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Site content")

    def ready(self):
        from lms import coming_up

        from . import receivers
        from .coming_up import WEBINARS

        receivers.connect(self)
        coming_up.register(WEBINARS)
