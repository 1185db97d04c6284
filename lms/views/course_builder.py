"""The course builder in the Wagtail admin: a course's modules and lessons on one screen,
with buttons to add a module or a lesson to a module, links to the course's tests (added by
the apps that own them, ``lms.course_outline``), and the one button that submits the whole
course for a methodologist's review (``lms.moderation``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import moderation
from ..course_outline import course_links
from ..models import CoursePage


def _course_for(request, pk):
    course = get_object_or_404(CoursePage, pk=pk)
    permissions = course.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    return course, permissions


def course_builder(request, pk):
    course, permissions = _course_for(request, pk)
    state = course.current_workflow_state
    return TemplateResponse(request, "lms/admin/course_builder.html", {
        "course": course,
        "modules": course.outline(),
        "links": course_links(course),
        "state": state,
        "changes_requested": moderation.changes_requested(state),
        "can_submit": moderation.may_submit(course, request.user, permissions),
        "here": reverse("lms_course_builder", args=[course.pk]),
    })


@require_POST
def submit_course(request, pk):
    course, permissions = _course_for(request, pk)
    if not moderation.may_submit(course, request.user, permissions):
        raise PermissionDenied
    moderation.submit_course(course, request.user)
    messages.success(request, _("The course “%(title)s” was sent to a methodologist for review, "
                                "with its modules and lessons.") % {"title": course.draft_title})
    return redirect("lms_course_builder", pk=course.pk)
