"""``lms_reminders_sent_total{kind}`` on /metrics (lms.metrics), counted in the database when
the page is scraped: reminders whose email went out (``emailed_at`` set)."""

from django.db.models import Count
from prometheus_client.core import CounterMetricFamily


class RemindersSentCollector:
    def collect(self):
        from .models import Kind, Reminder

        family = CounterMetricFamily(
            "lms_reminders_sent", "Reminders emailed, by kind.", labels=["kind"]
        )
        counts = dict(
            Reminder.objects.filter(emailed_at__isnull=False)
            .order_by().values_list("kind").annotate(count=Count("pk"))
        )
        for kind in Kind.values:
            family.add_metric([kind], counts.get(kind, 0))
        yield family
