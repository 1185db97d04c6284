"""Sweeping for due reminders, claiming them at most once, and sending them.

A sweep goes through the triggers of every registered kind (``notifications.kinds``). It
splits each trigger's source table into primary-key ranges, one Celery task per
range. A task inserts the reminders it found with its own claim token (the task's id); rows
another run already inserted conflict on (user, kind, subject) and are skipped, so the task
emails only the rows that carry its token. See ``process_chunk`` for what a killed worker
leaves behind.
"""

import logging
import uuid
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, Max, Min, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lms.mail import MailNotSent, deliver

from . import kinds
from .models import EmailOptOut, Reminder

logger = logging.getLogger(__name__)

CHUNK = 20_000
SEND_BATCH = 25
UNSUBSCRIBE_SALT = "notifications.unsubscribe"


# --- Sweeping --------------------------------------------------------------------------


def chunks(trigger, size=CHUNK):
    """Primary-key ranges [low, high) covering the trigger's source table."""
    bounds = trigger.model.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return []
    return [(low, low + size) for low in range(bounds["low"], bounds["high"] + 1, size)]


def sweep_plan(size=CHUNK):
    """Every (trigger name, low, high) a sweep has to process."""
    return [(trigger.name, low, high)
            for _kind, trigger in kinds.triggers() for low, high in chunks(trigger, size)]


def due(trigger_name, now):
    """The rows of the trigger due at ``now`` whose (person, kind, subject) has no reminder
    yet, annotated with ``user_id`` and ``subject``."""
    kind, trigger = kinds.trigger(trigger_name)
    reminded = Reminder.objects.filter(
        user_id=OuterRef("user_id"), kind=kind.code, subject=OuterRef("subject")
    )
    return trigger.due(now).filter(~Exists(reminded))


def _params(trigger, row):
    params = {}
    for field in trigger.fields:
        value = row[field]
        if isinstance(value, datetime):
            value = value.isoformat()
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        params[field.replace("__", "_")] = value
    return params


def claim(trigger_name, low, high, now, token):
    """Insert the reminders due in this range with the claim ``token``; rows another run
    inserted first are skipped by the unique constraint."""
    kind, trigger = kinds.trigger(trigger_name)
    rows = (due(trigger_name, now).filter(pk__gte=low, pk__lt=high)
            .values("user_id", "subject", *trigger.fields))
    Reminder.objects.bulk_create(
        [
            Reminder(user_id=row["user_id"], kind=kind.code, subject=row["subject"],
                     params=_params(trigger, row), claim=token)
            for row in rows.iterator(chunk_size=2000)
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )


def process_chunk(trigger_name, low, high, now=None, token=None):
    """Claim and email one range of one trigger. Returns (claimed, emailed).

    ``token`` is the Celery task's id: a task delivered again after its worker was killed
    claims nothing new but finds the rows it had claimed and not yet emailed, and sends
    those. A batch is marked sent before it goes out, so a kill during sending loses at
    most that batch's emails (they stay in the bell list) and never sends one twice.
    ``MailNotSent`` (from ``send_batch``) leaves the emails not yet sent unmarked, for the
    task's retry, which has the same token."""
    now = now or timezone.now()
    token = token or uuid.uuid4()
    claim(trigger_name, low, high, now, token)
    claimed = Reminder.objects.filter(claim=token)
    pending = list(claimed.filter(emailed_at__isnull=True).select_related("user__profile"))
    cache.delete_many([_unread_key(user_id) for user_id in {reminder.user_id for reminder in pending}])
    kind, _trigger = kinds.trigger(trigger_name)
    wanting = wanting_emails(kind, {reminder.user_id for reminder in pending}) if kind.email else set()
    to_send = [r for r in pending if r.user_id in wanting and r.user.email and r.user.is_active]
    emailed = 0
    for start in range(0, len(to_send), SEND_BATCH):
        emailed += send_batch(to_send[start:start + SEND_BATCH])
    return claimed.count(), emailed


def send_batch(reminders):
    """Mark ``reminders`` sent (those nobody marked yet) and email them over one connection;
    returns how many went out.

    The emails the mail server surely did not take (no connection, a temporary refusal, the
    ones after a broken connection) are marked unsent again and ``MailNotSent`` is raised:
    the task retries with the same claim token and sends just those. One in flight when the
    connection broke stays marked: at most once (it is in the bell list either way)."""
    stamp = timezone.now()
    ids = [reminder.pk for reminder in reminders]
    Reminder.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=stamp)
    ours = set(Reminder.objects.filter(pk__in=ids, emailed_at=stamp).values_list("pk", flat=True))
    emails = {reminder.pk: email_for(reminder) for reminder in reminders if reminder.pk in ours}
    if not emails:
        return 0
    delivery = deliver(list(emails.values()))
    if delivery.unsent:
        unsent = [pk for pk, email in emails.items() if email in delivery.unsent]
        Reminder.objects.filter(pk__in=unsent, emailed_at=stamp).update(emailed_at=None)
        raise MailNotSent(f"{len(unsent)} reminder email(s): {delivery.error!r}") from delivery.error
    return len(delivery.sent)


# --- Messages --------------------------------------------------------------------------


def message(reminder):
    """(headline, sentence) of a reminder in the active language."""
    return kinds.get(reminder.kind).message(reminder)


def target_url(reminder):
    """Where the reminder leads (the course, the webinar, the mentee's page...)."""
    return kinds.get(reminder.kind).link(reminder)


def unsubscribe_token(user_id, kind):
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token):
    """(user id, kind) of a token, or None if it was tampered with."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if data.get("k") not in kinds.codes():
        return None
    return data["u"], data["k"]


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def email_for(reminder):
    user = reminder.user
    language = getattr(getattr(user, "profile", None), "language", settings.LANGUAGE_CODE)
    token = unsubscribe_token(user.pk, reminder.kind)
    unsubscribe = _absolute(reverse("notifications:unsubscribe", args=[token]))
    with translation.override(language):
        headline, sentence = message(reminder)
        context = {
            "headline": headline,
            "sentence": sentence,
            "name": user.get_full_name() or user.email,
            "open_url": _absolute(reverse("notifications:open", args=[reminder.pk])),
            "unsubscribe_url": unsubscribe,
            "preferences_url": _absolute(reverse("notifications:preferences")),
            "kind_label": kinds.get(reminder.kind).label,
            "language": language,
        }
        text = render_to_string("notifications/email/reminder.txt", context)
        html = render_to_string("notifications/email/reminder.html", context)
    email = EmailMultiAlternatives(
        subject=headline, body=text, to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    email.attach_alternative(html, "text/html")
    return email


# --- The person's side -----------------------------------------------------------------


def _unread_key(user_id):
    return f"notifications:unread:{user_id}"


def unread_count(user):
    """How many reminders the person has not opened; cached, so the menu costs no query."""
    return cache.get_or_set(
        _unread_key(user.pk), lambda: Reminder.objects.filter(user=user).unread().count(), 600
    )


def latest(user, limit=30):
    return Reminder.objects.filter(user=user).order_by("-created_at")[:limit]


def mark_read(user, reminder_ids=None):
    reminders = Reminder.objects.filter(user=user).unread()
    if reminder_ids is not None:
        reminders = reminders.filter(pk__in=reminder_ids)
    reminders.update(read_at=timezone.now())
    cache.delete(_unread_key(user.pk))


def wanting_emails(kind, user_ids):
    """Those of ``user_ids`` who get emails of ``kind``: all but those who opted out."""
    opted_out = EmailOptOut.objects.filter(user_id__in=user_ids, kind=kind.code)
    return set(user_ids) - set(opted_out.values_list("user_id", flat=True))


def opted_out_kinds(user):
    """The codes of the kinds the person gets no emails of."""
    return set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))


def set_email_kinds(user, wanted):
    """Email the person the kinds in ``wanted`` and none of the others that concern her."""
    wanted = set(wanted)
    EmailOptOut.objects.filter(user=user, kind__in=wanted).delete()
    EmailOptOut.objects.bulk_create(
        [EmailOptOut(user=user, kind=kind.code) for kind in kinds.emailed(user) if kind.code not in wanted],
        ignore_conflicts=True,
    )


def unsubscribe(user_id, kind):
    EmailOptOut.objects.bulk_create([EmailOptOut(user_id=user_id, kind=kind)], ignore_conflicts=True)
