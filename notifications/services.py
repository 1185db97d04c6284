"""Sweeping for due reminders, claiming them at most once, and sending them.

A sweep splits each trigger's source table into primary-key ranges, one Celery task per
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
from django.db.models import Max, Min
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.mail import MailNotSent, deliver
from lms.models.bilingual import kk_or_ru

from .models import EmailOptOut, Kind, Reminder
from .triggers import TRIGGERS

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
    """Every (trigger, low, high) a sweep has to process."""
    return [(name, low, high) for name, trigger in TRIGGERS.items() for low, high in chunks(trigger, size)]


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
    trigger = TRIGGERS[trigger_name]
    rows = trigger.due(now).filter(pk__gte=low, pk__lt=high).values("user_id", "subject", *trigger.fields)
    Reminder.objects.bulk_create(
        [
            Reminder(user_id=row["user_id"], kind=trigger.kind, subject=row["subject"],
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
    opted_out = set(
        EmailOptOut.objects.filter(user_id__in={r.user_id for r in pending}, kind=TRIGGERS[trigger_name].kind)
        .values_list("user_id", flat=True)
    )
    to_send = [r for r in pending if r.user_id not in opted_out and r.user.email and r.user.is_active]
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


def _when(value):
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _notice_sentence(params, with_sender, without_sender, **values):
    """A chair's notice, signed with her name, or the organisation's alone when her account
    is gone. The organisation's name is in the member's language (Kazakh or Russian)."""
    values["organisation"] = kk_or_ru(params.get("organisation_name_ru"),
                                      params.get("organisation_name_kk")) or ""
    if params.get("sender"):
        return with_sender % {**values, "sender": params["sender"]}
    return without_sender % values


def message(reminder):
    """(headline, sentence) of a reminder in the active language."""
    params = reminder.params
    title = params.get("course_title") or params.get("webinar_title") or ""
    if reminder.kind == Kind.INACTIVITY:
        return (_("Continue your course"),
                _("You have not made progress in “%(title)s” for a while. A short lesson today keeps "
                  "you on track.") % {"title": title})
    if reminder.kind == Kind.DEADLINE:
        deadline = date_format(datetime.fromisoformat(params["deadline"]).date(), "DATE_FORMAT")
        return (_("The deadline is near"),
                _("“%(title)s” is to be finished by %(date)s.") % {"title": title, "date": deadline})
    if reminder.kind == Kind.POST_TEST:
        return (_("One step left: the final test"),
                _("You have done every lesson of “%(title)s”. Pass the final test to complete the course "
                  "and get your certificate.") % {"title": title})
    if reminder.kind == Kind.WEBINAR:
        return (_("A webinar starts soon"),
                _("“%(title)s” starts at %(time)s (Almaty time). The join link is on the webinar page.")
                % {"title": title, "time": _when(params["webinar_starts_at"])})
    if reminder.kind == Kind.MENTEE_STALLED:
        last_seen = timezone.localtime(datetime.fromisoformat(params["last_seen"]))
        since = date_format(last_seen.date(), "DATE_FORMAT")
        if params.get("recipient") == "mentor":
            return (_("Your mentee has stalled"),
                    _("%(name)s has made no progress in “%(title)s” since %(date)s. A word from you may help "
                      "them continue.") % {"name": params.get("person", ""), "title": title, "date": since})
        return (_("Your mentor can help"),
                _("You have made no progress in “%(title)s” since %(date)s. Your mentor %(name)s knows and "
                  "can help: ask them, or do a short lesson today.")
                % {"name": params.get("person", ""), "title": title, "date": since})
    if reminder.kind == Kind.LEADER_REMINDER:
        return (_("A reminder from your union organisation"), _notice_sentence(
            params,
            _("%(sender)s (%(organisation)s) reminds you to go on with the course “%(course)s”. A short "
              "lesson today keeps you on track."),
            _("%(organisation)s reminds you to go on with the course “%(course)s”. A short lesson today "
              "keeps you on track."),
            course=title,
        ))
    if reminder.kind == Kind.WEBINAR_INVITATION:
        return (_("An invitation to a webinar"), _notice_sentence(
            params,
            _("%(sender)s (%(organisation)s) invites you to the webinar “%(title)s” on %(date)s (Almaty "
              "time). Registration and the join link are on the webinar page."),
            _("%(organisation)s invites you to the webinar “%(title)s” on %(date)s (Almaty time). "
              "Registration and the join link are on the webinar page."),
            title=title, date=_when(params["webinar_starts_at"]),
        ))
    return (_("Did the course help?"),
            _("Three months ago you completed “%(title)s”. Two minutes: tell us whether you have used it "
              "in your work.") % {"title": title})


def target_url(reminder):
    """Where the reminder leads: the course (a chair's reminder too), the webinar (an
    invitation too), the mentee's page, or the follow-up questionnaire."""
    from content.models import WebinarPage  # noqa: PLC0415 - content imports nothing from here
    from lms.models import CoursePage  # noqa: PLC0415

    params = reminder.params
    if reminder.kind in (Kind.WEBINAR, Kind.WEBINAR_INVITATION):
        page = WebinarPage.objects.filter(pk=params.get("webinar_id")).first()
        return page.url if page else reverse("lms:dashboard")
    if reminder.kind == Kind.MENTEE_STALLED and params.get("recipient") == "mentor":
        return reverse("motivation:mentee", args=[params["mentorship_id"]])
    if reminder.kind == Kind.FOLLOW_UP:
        try:
            return reverse("reports:follow_up", args=[reminder.subject.removeprefix("e")])
        except NoReverseMatch:
            pass
    page = CoursePage.objects.filter(pk=params.get("course_id")).first()
    return page.url if page else reverse("lms:dashboard")


def unsubscribe_token(user_id, kind):
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token):
    """(user id, kind) of a token, or None if it was tampered with."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if data.get("k") not in Kind.values:
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
            "kind_label": Kind(reminder.kind).label,
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


def opted_out_kinds(user):
    return set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))


def set_email_kinds(user, wanted):
    """Email the person the kinds in ``wanted`` and none of the others."""
    wanted = set(wanted)
    EmailOptOut.objects.filter(user=user, kind__in=wanted).delete()
    EmailOptOut.objects.bulk_create(
        [EmailOptOut(user=user, kind=kind) for kind in Kind.values if kind not in wanted],
        ignore_conflicts=True,
    )


def unsubscribe(user_id, kind):
    EmailOptOut.objects.bulk_create([EmailOptOut(user_id=user_id, kind=kind)], ignore_conflicts=True)
