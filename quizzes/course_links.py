"""A course's pre-test and post-test in the course builder (``lms.course_outline``): a link
to each test's settings, or to setting it up with the course and role filled in."""

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from lms.course_outline import OutlineLink

from .models import Quiz


def course_test_links(course):
    """The course's two tests, the pre-test first, in one query."""
    existing = {quiz.role: quiz for quiz in Quiz.objects.filter(course=course)}
    links = []
    for role in (Quiz.Role.PRE, Quiz.Role.POST):
        quiz = existing.get(role)
        if quiz is not None:
            label = _("Pre-test: settings") if role == Quiz.Role.PRE else _("Post-test: settings")
            url = reverse("wagtailsnippets_quizzes_quiz:edit", args=[quote(quiz.pk)])
        else:
            label = _("Set up the pre-test") if role == Quiz.Role.PRE else _("Set up the post-test")
            url = reverse("wagtailsnippets_quizzes_quiz:add") + "?" + urlencode(
                {"course": course.pk, "role": role.value}
            )
        links.append(OutlineLink(label, url, done=quiz is not None))
    return links
