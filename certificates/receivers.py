from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_save

from content.models import WebinarRegistration
from content.signals import webinar_attended
from lms.completion import result_annotation
from lms.models import Enrolment
from lms.queueing import enqueue, enqueue_after_commit
from lms.signals import enrolment_completed

from . import tasks
from .models import Certificate, Rerender

# The signals are sent after the completing transaction commits, so these queue at once. If
# the broker is down the completion still stands: the periodic sweep issues the certificate.


def queue_certificate(sender, enrolment_id, **kwargs):
    enqueue(tasks.issue_certificate, enrolment_id)


def queue_attendance_certificate(sender, registration_id, **kwargs):
    enqueue(tasks.issue_attendance_certificate, registration_id)


def queue_redraw(sender, instance, created, raw=False, **kwargs):
    """A redraw asked for (``services.request_redraw``) is run by the worker after the commit."""
    if created and not raw:
        enqueue_after_commit(tasks.run_redraw, instance.pk)


def annotate_certificate(enrolments):
    """Each enrolment's valid certificate: its serial (for the download) and verification
    code (for the link to share), None before it is issued; for "My learning" and the
    course's completion."""
    valid = Certificate.objects.valid().filter(enrolment=OuterRef("pk"))
    return enrolments.annotate(
        certificate_serial=Subquery(valid.values("serial")[:1]),
        certificate_code=Subquery(valid.values("code")[:1]),
    )


def connect():
    result_annotation(annotate_certificate)
    enrolment_completed.connect(queue_certificate, sender=Enrolment, dispatch_uid="certificates.queue")
    webinar_attended.connect(
        queue_attendance_certificate, sender=WebinarRegistration, dispatch_uid="certificates.queue_attendance"
    )
    post_save.connect(queue_redraw, sender=Rerender, dispatch_uid="certificates.queue_redraw")
