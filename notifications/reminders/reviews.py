"""A methodologist's decision on what a trainer sent for review: approved and published, or
returned with what she asked to change. Wagtail's workflow signals tell
``notifications.receivers`` at once; the sweep delivers a decision whose immediate processing
was lost while it is still news. The trainer reads it in her language, in the bell and by
email (this email takes the place of Wagtail's own, which would be in the site's language)."""

from datetime import timedelta

from django.db.models import BooleanField, CharField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import TaskState

from ..kinds import ReminderKind, Trigger
from .common import as_text, display_name

NEWS_FOR = timedelta(days=7)
DECISIONS = (TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED)


def decisions(now):
    """Reviews decided lately by someone other than the person who asked for them, one
    notice each to that person (``r<task state pk>``)."""
    return (
        TaskState.objects.filter(status__in=DECISIONS, finished_at__gte=now - NEWS_FOR,
                                 workflow_state__requested_by__isnull=False)
        .exclude(finished_by=F("workflow_state__requested_by"))
        .annotate(
            user_id=F("workflow_state__requested_by_id"),
            subject=Concat(Value("r"), as_text("pk"), output_field=CharField()),
            title=F("revision__object_str"),
            page_id=F("workflow_state__object_id"),
            reviewer=display_name("finished_by__"),
            is_course=ExpressionWrapper(
                Q(workflow_state__content_type__app_label="lms",
                  workflow_state__content_type__model="coursepage"),
                output_field=BooleanField(),
            ),
        )
    )


def decision_message(reminder):
    params = reminder.params
    values = {"title": params.get("title") or "", "reviewer": params.get("reviewer") or _("A methodologist")}
    if params.get("status") == TaskState.STATUS_APPROVED:
        return (_("Approved and published"),
                _("%(reviewer)s approved “%(title)s”: it is published.") % values)
    if params.get("comment"):
        return (_("Changes requested"),
                _("%(reviewer)s asks for changes to “%(title)s”: %(comment)s")
                % {**values, "comment": params["comment"]})
    return (_("Changes requested"), _("%(reviewer)s asks for changes to “%(title)s”.") % values)


def decision_link(reminder):
    """The course builder for a course, the page's editor for anything else."""
    page_id = reminder.params.get("page_id") or ""
    if not page_id.isdigit():
        return reverse("wagtailadmin_home")
    if reminder.params.get("is_course"):
        return reverse("lms_course_builder", args=[int(page_id)])
    return reverse("wagtailadmin_pages:edit", args=[int(page_id)])


REVIEW_DECISION = ReminderKind(
    code="review",
    label=gettext_lazy("A methodologist's decision on what I sent for review"),
    triggers=(Trigger("review", TaskState, decisions,
                      ("status", "comment", "title", "page_id", "reviewer", "is_course")),),
    message=decision_message,
    link=decision_link,
    # Only those who send pages for review (trainers, methodologists) get such decisions.
    concerns=lambda user: user.has_perm("wagtailadmin.access_admin"),
)
