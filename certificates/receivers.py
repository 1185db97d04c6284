import logging

from django.db.models import OuterRef, Subquery

from content.models import WebinarRegistration
from content.signals import webinar_attended
from lms.completion import result_annotation
from lms.models import Enrolment
from lms.signals import enrolment_completed

from . import tasks
from .models import Certificate

logger = logging.getLogger(__name__)


def _queue(task, pk):
    """Called after the completing transaction commits. If the broker is down the completion
    still stands: the periodic sweep issues the certificate later."""
    try:
        task.delay(pk)
    except Exception:
        logger.exception("%s(%s) not queued; the sweep will issue the certificate", task.name, pk)


def queue_certificate(sender, enrolment_id, **kwargs):
    _queue(tasks.issue_certificate, enrolment_id)


def queue_attendance_certificate(sender, registration_id, **kwargs):
    _queue(tasks.issue_attendance_certificate, registration_id)


def annotate_certificate(enrolments):
    """Each enrolment's valid certificate serial (None before it is issued), for "My learning"."""
    return enrolments.annotate(
        certificate_serial=Subquery(
            Certificate.objects.valid().filter(enrolment=OuterRef("pk")).values("serial")[:1]
        )
    )


def connect():
    result_annotation(annotate_certificate)
    enrolment_completed.connect(queue_certificate, sender=Enrolment, dispatch_uid="certificates.queue")
    webinar_attended.connect(
        queue_attendance_certificate, sender=WebinarRegistration, dispatch_uid="certificates.queue_attendance"
    )
