from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from lms import metrics as lms_metrics

        from . import receivers
        from .metrics import CertificatesIssuedCollector

        receivers.connect()
        lms_metrics.register(CertificatesIssuedCollector())
