"""Learner pages: catalogue, course, lesson, "My learning", learning paths."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import CatalogueFilterForm
from ..models import CourseIndexPage, CoursePage, Enrolment, LearningPath, LessonPage, Topic

COURSES_PER_PAGE = 12


def catalogue_link(request):
    """A fixed address for the catalogue, wherever editors put it in the page tree."""
    page = CourseIndexPage.objects.live().first()
    if page is None:
        raise Http404
    return redirect(page.url)


def catalogue(request, page):
    profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
    form = CatalogueFilterForm(request.GET or None, topics=Topic.objects.all())
    filters, query = form.filters(), form.query()
    courses = services.catalogue_courses(
        page,
        category=profile.described_category if profile else None,
        language=request.LANGUAGE_CODE,
        filters=filters,
        query=query,
    )
    listing = Paginator(courses, COURSES_PER_PAGE).get_page(request.GET.get("page"))
    enrolled = {}
    if request.user.is_authenticated:
        enrolled = {
            e.course_id: e
            for e in Enrolment.objects.filter(user=request.user, course__in=list(listing))
        }
    copies = services.other_language_copies(listing)
    for course in listing:
        # Set for anonymous visitors too: a missing attribute costs the template a dir() of the page.
        course.my_enrolment = enrolled.get(course.pk)
        course.other_copies = copies.get(course.pk, [])
    return TemplateResponse(
        request,
        "lms/catalogue.html",
        {"page": page, "form": form, "listing": listing, "filters": filters,
         "filtered": bool(filters or query)},
    )


def course_page(request, course):
    enrolment = services.enrolment_for(request.user, course, results=True)
    progress = services.course_progress(course, enrolment)
    context = {
        "page": course,
        "course": course,
        "enrolment": enrolment,
        "progress": progress,
        "prerequisites": list(course.prerequisites.live()),
    }
    if enrolment is None and request.user.is_authenticated:
        context["refusal"] = services.enrolment_refusal(request.user, course)
    if enrolment is not None and not enrolment.is_complete:
        context["before_lessons"] = services.step_before_lessons(enrolment)
        if not enrolment.lessons_left:
            # Every counted lesson is done yet the course is not complete: say what is
            # missing, each with its button (the final test).
            context["blockers"] = services.completion_blockers(enrolment)
    return TemplateResponse(request, "lms/course_page.html", context)


def lesson_page(request, lesson):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    course = lesson.course()
    enrolment = services.enrolment_for(request.user, course)
    if enrolment is None:
        messages.info(request, _("Enrol in the course to open its lessons."))
        return redirect(course.url)
    progress = services.course_progress(course, enrolment)
    position = services.lesson_position(progress, lesson)
    is_done = lesson.pk in progress.done
    blockers = []
    if is_done and position.next is None and not enrolment.is_complete:
        blockers = services.completion_blockers(enrolment)
    return TemplateResponse(
        request,
        "lms/lesson_page.html",
        {
            "page": lesson,
            "lesson": lesson,
            "course": course,
            "enrolment": enrolment,
            "progress": progress,
            "position": position,
            "is_done": is_done,
            "blockers": blockers,
        },
    )


@login_required
@require_POST
def enrol(request, course_id):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        enrolment = services.enrol(request.user, course)
    except services.EnrolmentRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(course.url)
    messages.success(request, _("You are enrolled. Good luck!"))
    return redirect(services.where_to_start(enrolment))


@login_required
@require_POST
def complete_lesson(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    course = lesson.course()
    enrolment = get_object_or_404(Enrolment, user=request.user, course=course)
    services.complete_lesson(enrolment, lesson)
    if enrolment.is_complete:
        messages.success(request, _("Course complete. Well done!"))
        return redirect(course.url)
    progress = services.course_progress(course, enrolment)
    if progress.next_lesson is None:
        return redirect(course.url)
    return redirect(progress.next_lesson.url)


@login_required
def dashboard(request):
    """My learning, the learner's home: her courses with where to continue, and what is
    coming up."""
    home = services.learner_home(request.user)
    return render(
        request,
        "lms/dashboard.html",
        {
            "enrolments": home.courses,
            "coming_up": home.coming_up,
            "paths": services.paths_for(request.user),
        },
    )


def path_page(request, pk):
    path = get_object_or_404(LearningPath, pk=pk)
    return render(
        request,
        "lms/path_page.html",
        {"path": path, "steps": services.path_progress(request.user, path)},
    )
