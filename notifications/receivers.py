"""What reaches people at once rather than at the next sweep: a notice a chair sends her
members (``motivation.models.MemberNotice``), a certificate issued, a badge awarded. When the
transaction that saved them commits, the app sends its signal and this queues the reminder
task for just their range of ids. If the broker is down they wait for the next sweep (every
15 minutes), which finds every one not yet reminded: the claim on (person, kind, subject)
keeps it to one reminder and one email however often it is processed."""

from django.db import transaction
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

from certificates.models import Certificate
from certificates.signals import certificate_issued
from lms.queueing import enqueue
from motivation.models import Award, MemberNotice
from motivation.signals import badges_awarded, notices_sent

from . import tasks

TRIGGER_OF_NOTICE = {
    MemberNotice.Kind.STALLED_COURSE: "leader_nudge",
    MemberNotice.Kind.WEBINAR: "invitation",
}


def deliver_notices(sender, notice_ids, **kwargs):
    ids = [int(pk) for pk in notice_ids]
    if not ids:
        return
    kinds = set(MemberNotice.objects.filter(pk__in=ids).values_list("kind", flat=True).distinct())
    low, high = min(ids), max(ids) + 1
    now = timezone.now().isoformat()
    for kind in sorted(kinds):
        name = TRIGGER_OF_NOTICE[kind]
        # Sent after the commit: queued at once. Whatever fails (in the embedded mode the
        # task runs here), the chair's request has succeeded and the sweep delivers the notices.
        enqueue(tasks.send_reminder_chunk, name, low, high, now)


def deliver_at_once(trigger_name, ids):
    """Queue the reminder task of ``trigger_name`` for the rows ``ids`` of its table."""
    ids = [int(pk) for pk in ids]
    if ids:
        enqueue(tasks.send_reminder_chunk, trigger_name, min(ids), max(ids) + 1, timezone.now().isoformat())


def tell_of_certificate(sender, certificate_id, **kwargs):
    deliver_at_once("certificate", [certificate_id])


def tell_of_badges(sender, award_ids, **kwargs):
    deliver_at_once("badge", award_ids)


def tell_of_review(sender, instance, **kwargs):
    task_state_id = instance.current_task_state_id
    if task_state_id is not None:
        transaction.on_commit(lambda: deliver_at_once("review", [task_state_id]))


# Wagtail emails the person who asked for a review of its decision, in the site's language.
# Connected under the names Wagtail connects its own receivers with (its app is ready after
# ours), the trainer hears of it once instead, from us: in the bell and by email, in her
# language, with the reviewer's comment.
WAGTAIL_DECISION_EMAILS = {
    workflow_approved: "workflow_state_approved_email_notification",
    workflow_rejected: "workflow_state_rejected_email_notification",
}


def connect():
    for signal, dispatch_uid in WAGTAIL_DECISION_EMAILS.items():
        signal.connect(tell_of_review, sender=WorkflowState, dispatch_uid=dispatch_uid)
    notices_sent.connect(deliver_notices, sender=MemberNotice, dispatch_uid="notifications.member_notices")
    certificate_issued.connect(tell_of_certificate, sender=Certificate,
                               dispatch_uid="notifications.certificate")
    badges_awarded.connect(tell_of_badges, sender=Award, dispatch_uid="notifications.badges")
