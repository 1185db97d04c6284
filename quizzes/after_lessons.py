"""The step after the lessons, for "My learning" (``lms.completion.step_after_lessons``):
a course whose lessons are all done continues with its post-test."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.steps import Step

from .models import Quiz


def annotate_post_test(enrolments):
    """Each enrolment's course's post-test (``post_test_id``, None without one)."""
    post_test = Quiz.objects.filter(course=OuterRef("course"), role=Quiz.Role.POST)
    return enrolments.annotate(post_test_id=Subquery(post_test.values("pk")[:1]))


def take_post_test(enrolment):
    if enrolment.post_test_id is None:
        return None
    return Step(reverse("quizzes:start", args=[enrolment.post_test_id]), _("Final test"))
