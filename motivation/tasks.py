from celery import shared_task

from content.models import WebinarRegistration
from lms.models import Enrolment

from .services import badges


@shared_task
def award_all_badges():
    """Beat's job: every badge everyone has earned and not yet got. Safe to run twice."""
    return badges.award_badges()


@shared_task
def award_badges_after_completion(enrolment_id):
    user_id = Enrolment.objects.filter(pk=enrolment_id).values_list("user_id", flat=True).first()
    return badges.award_badges([user_id]) if user_id else 0


@shared_task
def award_badges_after_attendance(registration_id):
    user_id = WebinarRegistration.objects.filter(pk=registration_id).values_list("user_id", flat=True).first()
    return badges.award_badges([user_id]) if user_id else 0
