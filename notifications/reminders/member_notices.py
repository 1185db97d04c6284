"""The notices a chair (or an administrator) sends her members from My organisation: go on
with a course, come to a webinar. The notifications app is told at once when they are sent
(``notifications.receivers``); the sweep delivers those whose immediate processing was lost,
while they are still news."""

from datetime import timedelta

from django.db.models import CharField, F, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content.models import WebinarPage
from lms.models.bilingual import kk_or_ru
from motivation.models import MemberNotice

from ..kinds import ReminderKind, Trigger
from .common import as_text, course_link, display_name, webinar_link, when
from .courses import COURSE_FIELDS
from .webinars import WEBINAR_FIELDS

# A notice whose immediate processing was lost (the broker was down) is still delivered by
# the sweep within this long; an older one is stale news and stays undelivered.
NOTICE_CATCH_UP = timedelta(days=7)

NOTICE_FIELDS = ("sender", "organisation_id", "organisation__name_ru", "organisation__name_kk")


def webinars_not_over(now):
    """Live webinars that have not ended at ``now`` (a webinar lasts 12 hours at most; the
    end is worked out here, as date arithmetic differs between databases)."""
    recent = WebinarPage.objects.live().filter(starts_at__gt=now - timedelta(hours=12))
    return [page.pk for page in recent.only("starts_at", "duration_minutes") if page.ends_at > now]


def member_notices(notice_kind):
    """The notices of ``notice_kind`` sent, one reminder each to the member (subject
    ``n<notice pk>``)."""

    def due(now):
        queryset = MemberNotice.objects.filter(kind=notice_kind, created_at__gte=now - NOTICE_CATCH_UP)
        if notice_kind == MemberNotice.Kind.STALLED_COURSE:
            queryset = queryset.filter(course__live=True)
        else:  # an invitation to a webinar that is over is no news
            queryset = queryset.filter(webinar__in=webinars_not_over(now))
        return queryset.annotate(
            user_id=F("member_id"),
            sender=display_name("sent_by__"),
            subject=Concat(Value("n"), as_text("pk"), output_field=CharField()),
        )

    return due


def notice_sentence(params, with_sender, without_sender, **values):
    """A chair's notice, signed with her name, or the organisation's alone when her account
    is gone. The organisation's name is in the member's language (Kazakh or Russian)."""
    values["organisation"] = kk_or_ru(params.get("organisation_name_ru"),
                                      params.get("organisation_name_kk")) or ""
    if params.get("sender"):
        return with_sender % {**values, "sender": params["sender"]}
    return without_sender % values


def leader_reminder_message(reminder):
    return (_("A reminder from your union organisation"), notice_sentence(
        reminder.params,
        _("%(sender)s (%(organisation)s) reminds you to go on with the course “%(course)s”. A short "
          "lesson today keeps you on track."),
        _("%(organisation)s reminds you to go on with the course “%(course)s”. A short lesson today "
          "keeps you on track."),
        course=reminder.params.get("course_title") or "",
    ))


def invitation_message(reminder):
    params = reminder.params
    return (_("An invitation to a webinar"), notice_sentence(
        params,
        _("%(sender)s (%(organisation)s) invites you to the webinar “%(title)s” on %(date)s (Almaty "
          "time). Registration and the join link are on the webinar page."),
        _("%(organisation)s invites you to the webinar “%(title)s” on %(date)s (Almaty time). "
          "Registration and the join link are on the webinar page."),
        title=params.get("webinar_title") or "", date=when(params["webinar_starts_at"]),
    ))


LEADER_REMINDER = ReminderKind(
    code="leader_nudge",
    label=gettext_lazy("My organisation's chair reminds me to go on with a course"),
    triggers=(Trigger("leader_nudge", MemberNotice, member_notices(MemberNotice.Kind.STALLED_COURSE),
                      (*NOTICE_FIELDS, *COURSE_FIELDS)),),
    message=leader_reminder_message,
    link=course_link,
)

WEBINAR_INVITATION = ReminderKind(
    code="invitation",
    label=gettext_lazy("An invitation to a webinar from my organisation"),
    triggers=(Trigger("invitation", MemberNotice, member_notices(MemberNotice.Kind.WEBINAR),
                      (*NOTICE_FIELDS, *WEBINAR_FIELDS)),),
    message=invitation_message,
    link=webinar_link,
)
