import logging

from django.db.models import OuterRef, Subquery

from lms.completion import result_annotation
from lms.models import Enrolment
from lms.signals import enrolment_completed

from . import tasks
from .models import Certificate

logger = logging.getLogger(__name__)


def queue_certificate(sender, enrolment_id, **kwargs):
    """Sent after the completing transaction commits. If the broker is down the completion
    still stands: the periodic sweep issues the certificate later."""
    try:
        tasks.issue_certificate.delay(enrolment_id)
    except Exception:
        logger.exception("Certificate of enrolment %s not queued; the sweep will issue it", enrolment_id)


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
