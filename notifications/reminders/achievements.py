"""Notices of what a learner has earned: a certificate issued, a badge awarded.

Both arrive at once: when the transaction that issued the certificate (or made the awards)
commits, certificates sends ``certificate_issued`` (motivation ``badges_awarded``) and
``notifications.receivers`` queues the reminder task for just those rows. If the broker is
down, the sweep delivers them while they are still news; the claim on (person, kind,
subject) keeps each to one notice however often it is processed. The certificate's email
goes from the certificates app, so its notice is for the bell only.
"""

from datetime import timedelta

from django.db.models import CharField, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates.models import Certificate
from lms.models.bilingual import kk_or_ru
from motivation.models import Award

from ..kinds import ReminderKind, Trigger
from .common import as_text

# A notice whose immediate processing was lost is still given by the sweep within this long;
# an older certificate or badge is no news (and the kinds' first sweep tells no one of old ones).
NEWS_FOR = timedelta(days=3)


def subject(prefix):
    return Concat(Value(prefix), as_text("pk"), output_field=CharField())


def certificates_issued(now):
    """Valid certificates issued lately, one notice each to the holder (``c<pk>``)."""
    return Certificate.objects.valid().filter(issued_at__gte=now - NEWS_FOR).annotate(subject=subject("c"))


def certificate_message(reminder):
    return (_("Your certificate is ready"),
            _("The certificate for “%(title)s” is issued. Download it or share its verification link.")
            % {"title": reminder.params.get("title") or ""})


def certificate_link(reminder):
    return reverse("certificates:mine")


CERTIFICATE = ReminderKind(
    code="certificate",
    label=gettext_lazy("My certificate is issued"),
    triggers=(Trigger("certificate", Certificate, certificates_issued, ("title",)),),
    message=certificate_message,
    link=certificate_link,
    email=False,  # certificates emails the certificate itself
)


def badges_awarded(now):
    """Badges awarded lately, one notice each to the person (``a<pk>``)."""
    return Award.objects.filter(awarded_at__gte=now - NEWS_FOR).annotate(subject=subject("a"))


def badge_message(reminder):
    params = reminder.params
    name = kk_or_ru(params.get("rule_name_ru"), params.get("rule_name_kk")) or ""
    return (_("You have earned a badge"),
            _("You have earned the badge “%(badge)s”. See it among your achievements and share it.")
            % {"badge": name})


def badge_link(reminder):
    return reverse("motivation:achievements")


BADGE = ReminderKind(
    code="badge",
    label=gettext_lazy("I have earned a badge"),
    triggers=(Trigger("badge", Award, badges_awarded, ("rule__name_ru", "rule__name_kk")),),
    message=badge_message,
    link=badge_link,
)
