import datetime
import itertools

from django.utils import timezone

from content.models import WebinarRegistration
from lms.models import Enrolment
from quizzes.models import Attempt, Quiz
from reports.models import EventAttendance, EventKind, TrainingEvent
from tests.content.factories import webinar

_numbers = itertools.count(1)


def almaty(year, month, day, hour=12, minute=0):
    """An aware moment given in Almaty time, the site's zone."""
    return timezone.make_aware(
        datetime.datetime(year, month, day, hour, minute), timezone.get_default_timezone()
    )


def training_event(organisation, date, *, kind=EventKind.SEMINAR, **fields):
    number = next(_numbers)
    fields.setdefault("title", f"Семинар {number}")
    fields.setdefault("trainer_name", "Гүлнар Әбдірахманова")
    return TrainingEvent.objects.create(organisation=organisation, date=date, kind=kind, **fields)


def attend(event, *users):
    return [EventAttendance.objects.create(event=event, user=user) for user in users]


def completed(user, course, at, *, enrolled_at=None):
    """An enrolment of ``user`` in ``course`` completed at ``at``."""
    return Enrolment.objects.create(
        user=user, course=course, enrolled_at=enrolled_at or at - datetime.timedelta(days=3),
        completed_at=at, last_activity_at=at,
    )


def enrolled(user, course, at):
    return Enrolment.objects.create(user=user, course=course, enrolled_at=at)


def webinar_page(webinars_index, at=None):
    at = at or timezone.now() - datetime.timedelta(days=30)
    return webinar(webinars_index, starts_in=at - timezone.now())


def attended_webinar(user, page, at):
    """``user`` attended the webinar ``page``, at ``at`` (the attendance time is what
    coverage counts by)."""
    return WebinarRegistration.objects.create(webinar=page, user=user, registered_at=at, attended_at=at)


def scored(quiz, user, score, at):
    """A submitted attempt of ``user`` at ``quiz`` with ``score`` percent."""
    number = Attempt.objects.filter(quiz=quiz, user=user).count() + 1
    return Attempt.objects.create(
        quiz=quiz, user=user, number=number, started_at=at, submitted_at=at, score=score,
        passed=score >= quiz.pass_mark if quiz.role == Quiz.Role.POST else None,
    )
