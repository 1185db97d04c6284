from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.signals import post_save
from django.utils import timezone

from lms.completion import result_annotation
from lms.queueing import enqueue_after_commit

from . import tasks
from .models import FeedbackAnswer, FollowUpAnswer, MemberImport
from .services.feedback import FOLLOW_UP_AFTER


def annotate_questionnaires(enrolments):
    """For "My learning", in the same query: whether the learner has rated the course, and
    whether the follow-up question is due and unanswered."""
    due = Q(completed_at__lte=timezone.now() - FOLLOW_UP_AFTER) & ~Exists(
        FollowUpAnswer.objects.filter(enrolment=OuterRef("pk"))
    )
    return enrolments.annotate(
        feedback_given=Exists(FeedbackAnswer.objects.filter(enrolment=OuterRef("pk"))),
        follow_up_due=ExpressionWrapper(due, output_field=BooleanField()),
    )


def queue_member_import(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """After the commit, a new import is checked, and an import asked to be written (its
    status saved as "importing" by ``request_commit``) is written, by the worker."""
    if raw:
        return
    # Broker down: the administrator sees the job waiting and can upload again.
    if created:
        enqueue_after_commit(tasks.check_member_import, instance.pk)
    elif update_fields and "status" in update_fields and instance.status == MemberImport.Status.IMPORTING:
        enqueue_after_commit(tasks.commit_member_import, instance.pk)


def connect():
    result_annotation(annotate_questionnaires)
    post_save.connect(queue_member_import, sender=MemberImport, dispatch_uid="reports.queue_member_import")
