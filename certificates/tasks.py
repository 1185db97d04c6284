from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def issue_certificate(enrolment_id):
    """Issue the certificate of a completed enrolment and email its holder. Running it
    again (a retry, a redelivery after a worker died) issues nothing new."""
    certificate = services.issue_for_enrolment(enrolment_id)
    if certificate is None:
        return None
    services.send_certificate_email(certificate.pk)
    return certificate.serial


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def issue_attendance_certificate(registration_id):
    """The same for a webinar attendance."""
    certificate = services.issue_for_attendance(registration_id)
    if certificate is None:
        return None
    services.send_certificate_email(certificate.pk)
    return certificate.serial


@shared_task
def issue_missing_certificates():
    """Beat's sweep: completions with no certificate, and certificate emails not sent."""
    issued, emailed = services.issue_missing()
    return {"issued": issued, "emailed": emailed}


@shared_task
def run_redraw(job_id):
    services.run_redraw(job_id)
