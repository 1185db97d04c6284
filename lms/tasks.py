import os
import socket

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone

from . import health, services


@shared_task
def clear_expired_sessions():
    """Delete expired sessions (run nightly by beat); returns how many went."""
    deleted, _details = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task
def worker_identity():
    """Where this task ran: lets a health check (and the integration tests) tell a real
    worker from in-process execution."""
    return {"hostname": socket.gethostname(), "pid": os.getpid()}


@shared_task
def heartbeat():
    """Beat queues this every 30 s; the worker that runs it notes the time, and /readyz
    wants that time recent (lms.health). Returns the time noted."""
    return health.record_heartbeat()


@shared_task
def run_bulk_enrolment(job_id):
    """Enrol everyone a bulk enrolment asks for; safe to run again after a crash."""
    services.run_bulk_enrolment(job_id)
