import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from lms import mail

from . import services

logger = logging.getLogger(__name__)


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
# OperationalError; it runs again a few seconds later and finishes the chunk. A mail server
# that did not take the emails is tried again later (10 s, 20 s, 40 s... for about 50
# minutes): the retry keeps the task id, so it sends the rows this task claimed and did not
# send. After that they stay in the bell list only; a reminder is news for a short while.
# Both count towards the one limit (mail.MAX_RETRIES).
@shared_task(bind=True, autoretry_for=(OperationalError, InterfaceError), retry_backoff=2,
             max_retries=mail.MAX_RETRIES)
def send_reminder_chunk(self, trigger_name, low, high, now):
    token = self.request.id  # the same on a redelivery and a retry: see services.process_chunk
    try:
        claimed, emailed = services.process_chunk(trigger_name, low, high, parse_datetime(now), token=token)
    except mail.MailNotSent as error:
        retries = self.request.retries
        if self.request.is_eager or self.request.called_directly or retries >= mail.MAX_RETRIES:
            logger.warning("Reminder emails of %s [%s, %s) not sent, left in the bell list: %s",
                           trigger_name, low, high, error)
            return {"claimed": None, "emailed": 0}
        raise self.retry(exc=error, countdown=mail.retry_delay(retries)) from error
    return {"claimed": claimed, "emailed": emailed}
