from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from . import services


@shared_task
def sweep_reminders(now=None):
    """Beat's job: one task per trigger and primary-key range, worked through by any worker.
    All of them judge "due" at the same moment, the sweep's."""
    now = now or timezone.now().isoformat()
    plan = services.sweep_plan()
    for name, low, high in plan:
        send_reminder_chunk.delay(name, low, high, now)
    return len(plan)


# A database that restarts under the task (failover, maintenance) fails it with an
# OperationalError; it runs again a few seconds later and finishes the chunk.
@shared_task(bind=True, autoretry_for=(OperationalError, InterfaceError), retry_backoff=2, max_retries=6)
def send_reminder_chunk(self, trigger_name, low, high, now):
    token = self.request.id  # the same on a redelivery: see services.process_chunk
    claimed, emailed = services.process_chunk(trigger_name, low, high, parse_datetime(now), token=token)
    return {"claimed": claimed, "emailed": emailed}
