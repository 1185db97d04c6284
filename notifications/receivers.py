"""A notice a chair sends her members (``motivation.models.MemberNotice``) reaches them at
once: when the transaction that saved the notices commits, motivation sends
``notices_sent`` and this queues the reminder task for just their range of ids. If the
broker is down the notices wait for the next sweep (every 15 minutes), which finds every
notice not yet reminded: the claim on (person, kind, subject) keeps it to one reminder and
one email however often it is processed."""

from django.utils import timezone

from lms.queueing import enqueue
from motivation.models import MemberNotice
from motivation.signals import notices_sent

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


def connect():
    notices_sent.connect(deliver_notices, sender=MemberNotice, dispatch_uid="notifications.member_notices")
