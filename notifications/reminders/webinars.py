"""A reminder that a webinar the person registered for is about to start."""

from datetime import timedelta

from django.db.models import CharField, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content.models import WebinarRegistration

from ..kinds import ReminderKind, Trigger
from .common import as_text, webinar_link, when

WEBINAR_FIELDS = ("webinar_id", "webinar__title", "webinar__starts_at")


def webinar_within(hours_from, hours_to, label):
    def due(now):
        return WebinarRegistration.objects.filter(
            webinar__live=True,
            webinar__starts_at__gt=now + timedelta(hours=hours_from),
            webinar__starts_at__lte=now + timedelta(hours=hours_to),
        ).annotate(subject=Concat(Value("r"), as_text("pk"), Value(label), output_field=CharField()))

    return due


def webinar_message(reminder):
    params = reminder.params
    return (_("A webinar starts soon"),
            _("“%(title)s” starts at %(time)s (Almaty time). The join link is on the webinar page.")
            % {"title": params.get("webinar_title") or "", "time": when(params["webinar_starts_at"])})


WEBINAR = ReminderKind(
    code="webinar",
    label=gettext_lazy("A webinar I registered for is about to start"),
    triggers=(
        Trigger("webinar_24h", WebinarRegistration, webinar_within(1, 24, ":24h"), WEBINAR_FIELDS),
        Trigger("webinar_1h", WebinarRegistration, webinar_within(0, 1, ":1h"), WEBINAR_FIELDS),
    ),
    message=webinar_message,
    link=webinar_link,
)
