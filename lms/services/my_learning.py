"""The learner's home, "My learning": a card per course with where to continue, and the
dates coming up. Its queries do not grow with the number of courses."""

import datetime
from dataclasses import dataclass
from operator import attrgetter

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import coming_up
from ..models import LessonPage, LessonProgress
from ..steps import Step, next_step_after_lessons, with_steps_after_lessons
from .learning import dashboard_enrolments

COMING_UP_LIMIT = 5


@dataclass
class LearnerHome:
    courses: list
    coming_up: list


def learner_home(user, now=None, limit=COMING_UP_LIMIT):
    """Her enrolments (``course_cards``) and at most ``limit`` dated things from ``now`` on:
    the deadlines of her unfinished courses and what other apps register (``lms.coming_up``:
    the webinars she registered for), soonest first."""
    now = now or timezone.now()
    courses = course_cards(user)
    upcoming = _deadlines(courses, timezone.localdate(now))
    for source in coming_up.sources.registered():
        upcoming += list(source.items(user, now, limit))
    return LearnerHome(courses, sorted(upcoming, key=attrgetter("at"))[:limit])


def course_cards(user):
    """The learner's enrolments as ``dashboard_enrolments`` gives them, each with
    ``next_step`` (a ``completion.Step``): the first lesson not done yet; once every lesson
    is done, the registered step after the lessons (the post-test) or else the course page;
    None for a completed course. One query, whatever the number of courses."""
    lessons_left = (
        LessonPage.objects.live()
        .filter(path__startswith=OuterRef("course__path"))
        .exclude(pk__in=LessonProgress.objects.filter(enrolment=OuterRef(OuterRef("pk")))
                 .values("lesson_id"))
        .order_by("path")
    )
    enrolments = list(
        with_steps_after_lessons(dashboard_enrolments(user)).annotate(
            next_lesson_title=Subquery(lessons_left.values("title")[:1]),
            next_lesson_url_path=Subquery(lessons_left.values("url_path")[:1]),
        )
    )
    for enrolment in enrolments:
        enrolment.next_step = _next_step(enrolment)
    return enrolments


def _next_step(enrolment):
    if enrolment.is_complete:
        return None
    course = enrolment.course
    if enrolment.next_lesson_url_path:
        # A page's address needs only its place in the tree, so the lesson is not loaded.
        lesson = LessonPage(title=enrolment.next_lesson_title, url_path=enrolment.next_lesson_url_path)
        return Step(lesson.url, lesson.title, course.language)
    return next_step_after_lessons(enrolment) or Step(course.url, course.title, course.language)


def _deadlines(enrolments, today):
    """The deadlines still ahead of her unfinished courses (one that has passed shows on the
    course's card as overdue)."""
    return [
        coming_up.Upcoming(
            at=_end_of(enrolment.deadline), label=_("Deadline"), title=enrolment.course.title,
            url=enrolment.course.url, language=enrolment.course.language, all_day=True,
        )
        for enrolment in enrolments
        if not enrolment.is_complete and enrolment.deadline and enrolment.deadline >= today
    ]


def _end_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
