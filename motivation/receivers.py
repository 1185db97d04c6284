"""Badges are awarded as soon as a course is completed or a webinar attended; the hourly
beat job catches whatever these miss (a broker that was down, a rule added later)."""

from content.models import WebinarRegistration
from content.signals import webinar_attended
from lms.models import Enrolment
from lms.queueing import enqueue
from lms.signals import enrolment_completed

from . import tasks

# The signals are sent after commit, so these queue at once; a broker that is down loses
# nothing: the hourly job awards the badges.


def award_after_completion(sender, enrolment_id, **kwargs):
    enqueue(tasks.award_badges_after_completion, enrolment_id)


def award_after_attendance(sender, registration_id, **kwargs):
    enqueue(tasks.award_badges_after_attendance, registration_id)


def connect():
    enrolment_completed.connect(award_after_completion, sender=Enrolment, dispatch_uid="motivation.badges")
    webinar_attended.connect(
        award_after_attendance, sender=WebinarRegistration, dispatch_uid="motivation.badges_attendance"
    )
