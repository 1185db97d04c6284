import logging

from celery import shared_task
from django.db import OperationalError

from lms import mail

from . import services

logger = logging.getLogger(__name__)


def _email(task, certificate):
    """Email the holder; when the mail server did not take it, retry the task later (it
    issues nothing new and sends at most once). In-process runs (the embedded default) do
    not wait: the sweep sends it."""
    try:
        services.send_certificate_email(certificate.pk)
    except mail.MailNotSent as error:
        retries = task.request.retries
        if task.request.is_eager or task.request.called_directly or retries >= mail.MAX_RETRIES:
            logger.warning("Certificate %s not emailed (%s); the sweep sends it later",
                           certificate.serial, error)
            return
        raise task.retry(exc=error, countdown=mail.retry_delay(retries)) from error


# A database that restarts under the task fails it with an OperationalError, retried with
# backoff; a mail server that did not take the email is retried by ``_email``. Both count
# towards the one limit (mail.MAX_RETRIES).
@shared_task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=mail.MAX_RETRIES)
def issue_certificate(self, enrolment_id):
    """Issue the certificate of a completed enrolment and email its holder. Running it
    again (a retry, a redelivery after a worker died) issues nothing new."""
    certificate = services.issue_for_enrolment(enrolment_id)
    if certificate is None:
        return None
    _email(self, certificate)
    return certificate.serial


@shared_task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=mail.MAX_RETRIES)
def issue_attendance_certificate(self, registration_id):
    """The same for a webinar attendance."""
    certificate = services.issue_for_attendance(registration_id)
    if certificate is None:
        return None
    _email(self, certificate)
    return certificate.serial


@shared_task
def issue_missing_certificates():
    """Beat's sweep: completions with no certificate, and certificate emails not sent."""
    issued, emailed = services.issue_missing()
    return {"issued": issued, "emailed": emailed}


@shared_task
def run_redraw(job_id):
    services.run_redraw(job_id)
