"""``lms_certificates_issued_total{kind}`` on /metrics (lms.metrics), counted in the database
when the page is scraped: every certificate ever issued, later revoked or replaced ones too."""

from django.db.models import Count
from prometheus_client.core import CounterMetricFamily


class CertificatesIssuedCollector:
    def collect(self):
        from .models import Certificate

        family = CounterMetricFamily(
            "lms_certificates_issued", "Certificates issued, by kind.", labels=["kind"]
        )
        counts = dict(
            Certificate.objects.order_by().values_list("kind").annotate(count=Count("pk"))
        )
        for kind in Certificate.Kind.values:
            family.add_metric([kind], counts.get(kind, 0))
        yield family
