"""What the learning record store hears of: a member registered in a course, launched it
(her first lesson done), completed it, passed or failed a test with its score, attended a
webinar or an in-person event. Each is kept in the transaction of the event, or right after
the commit for the signals sent then; the worker sends what is kept every minute
(``tasks.send_statements``)."""

from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone

from content.models import WebinarRegistration
from content.signals import webinar_attended
from lms.models import Enrolment, LessonProgress
from lms.signals import enrolment_completed
from quizzes.models import Attempt
from quizzes.signals import attempt_scored
from reports.models import EventAttendance

from . import services
from .statements import build, score_result


def _language(user):
    profile = getattr(user, "profile", None)
    return profile.language if profile else "ru"


def _keep(user, verb, **statement):
    services.keep(user, verb, build(user=user, language=_language(user), verb=verb, **statement))


def _course(enrolment, verb, when, result=None):
    course = enrolment.course
    _keep(enrolment.user, verb, activity=course.url, activity_type="course", name=course.title,
          timestamp=when, result=result)


def registered(sender, instance, created, raw=False, **kwargs):
    if created and not raw and services.enabled():
        _course(instance, "registered", instance.enrolled_at)


def launched(sender, instance, created, raw=False, **kwargs):
    """The first lesson done is the course launched (later ones are the same statement)."""
    if created and not raw and services.enabled():
        _course(instance.enrolment, "launched", instance.completed_at)


def completed(sender, enrolment_id, **kwargs):
    if not services.enabled():
        return
    enrolment = Enrolment.objects.select_related("user__profile", "course").get(pk=enrolment_id)
    result = {"completion": True}
    if enrolment.final_score is not None:
        result["score"] = {"raw": float(enrolment.final_score), "min": 0, "max": 100}
    _course(enrolment, "completed", enrolment.completed_at, result)


def scored(sender, attempt_id, **kwargs):
    if not services.enabled():
        return
    attempt = Attempt.objects.select_related("user__profile", "quiz__course").get(pk=attempt_id)
    quiz = attempt.quiz
    _keep(attempt.user, "passed" if attempt.passed else "failed",
          activity=reverse("quizzes:start", args=[quiz.pk]), activity_type="assessment",
          name=f"{quiz.course.title}: {quiz.get_role_display()}", parent=quiz.course.url,
          timestamp=attempt.submitted_at or timezone.now(), occurrence=str(attempt.pk),
          result=score_result(attempt.score, attempt.passed))


def attended_webinar(sender, registration_id, **kwargs):
    if not services.enabled():
        return
    registration = WebinarRegistration.objects.select_related("user__profile", "webinar").get(
        pk=registration_id)
    webinar = registration.webinar
    _keep(registration.user, "attended", activity=webinar.url, activity_type="meeting", name=webinar.title,
          timestamp=registration.attended_at or timezone.now())


def attended_event(sender, instance, created, raw=False, **kwargs):
    if created and not raw and services.enabled():
        event = instance.event
        _keep(instance.user, "attended", activity=reverse("reports:event", args=[event.pk]),
              activity_type="meeting", name=event.title, timestamp=timezone.now())


def connect():
    post_save.connect(registered, sender=Enrolment, dispatch_uid="xapi-registered")
    post_save.connect(launched, sender=LessonProgress, dispatch_uid="xapi-launched")
    enrolment_completed.connect(completed, dispatch_uid="xapi-completed")
    attempt_scored.connect(scored, dispatch_uid="xapi-scored")
    webinar_attended.connect(attended_webinar, dispatch_uid="xapi-attended-webinar")
    post_save.connect(attended_event, sender=EventAttendance, dispatch_uid="xapi-attended-event")
