"""``lms_reminders_sent_total{kind}`` on /metrics (lms.metrics), counted in the database when
the page is scraped: reminders whose email went out (``emailed_at`` set)."""

from django.db.models import Count
from prometheus_client.core import CounterMetricFamily

from . import kinds
from .models import Reminder


class RemindersSentCollector:
    def collect(self):
        family = CounterMetricFamily(
            "lms_reminders_sent", "Reminders emailed, by kind.", labels=["kind"]
        )
        counts = dict(
            Reminder.objects.filter(emailed_at__isnull=False)
            .order_by().values_list("kind").annotate(count=Count("pk"))
        )
        for code in kinds.codes():
            family.add_metric([code], counts.get(code, 0))
        yield family
