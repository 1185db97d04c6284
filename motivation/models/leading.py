"""What a chair (or an administrator) sends the members she leads: a reminder to go on with
a stalled course, or an invitation to a webinar. The notifications app turns each into a
reminder in the bell and an email (``notifications.reminders.member_notices``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.models import WebinarPage
from lms.models import CoursePage, Organisation


class MemberNotice(models.Model):
    class Kind(models.TextChoices):
        STALLED_COURSE = "course", _("Reminder to go on with a course")
        WEBINAR = "webinar", _("Invitation to a webinar")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE,
        related_name="notices_received",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    # The Monday of the week a course reminder was sent: one a week per member.
    week = models.DateField(_("week"), null=True, blank=True)
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )
    webinar = models.ForeignKey(
        WebinarPage, verbose_name=_("webinar"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("notice to a member")
        verbose_name_plural = _("notices to members")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "week"], condition=Q(kind="course"), name="one_course_reminder_a_week"
            ),
            models.UniqueConstraint(
                fields=["member", "webinar"], condition=Q(kind="webinar"), name="one_invitation_a_webinar"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.member}"
