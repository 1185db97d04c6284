"""Courses and lessons: the catalogue, a course's outline with the member's progress,
enrolling, a lesson's content and marking it done. The rules are the web pages' own
(``lms.services``): a lesson opens only to an enrolled member."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import PageNumberPagination, paginate

from lms import services
from lms.models import CourseIndexPage, CoursePage, Enrolment, LessonPage
from quizzes.models import Quiz

from .schemas import CourseDetailOut, CourseOut, EnrolmentOut, LessonContentOut, ObjectId

router = Router(tags=["courses"])
lessons = Router(tags=["courses"])

PAGE_SIZE = 20


@router.get("", response=list[CourseOut])
@paginate(PageNumberPagination, page_size=PAGE_SIZE)
def catalogue(request, q: str = ""):
    """The catalogue as the member sees it: her language's copy of each course first, her
    category's courses first, searched in Kazakh and Russian by prefix and stem."""
    index = get_object_or_404(CourseIndexPage.objects.live())
    profile = getattr(request.user, "profile", None)
    return services.catalogue_courses(
        index, category=profile.described_category if profile else None,
        language=request.LANGUAGE_CODE, query=q.strip(),
    )


def _enrolment(user, course):
    return services.enrolment_for(user, course, results=True)


@router.get("/{int:course_id}", response=CourseDetailOut)
def course(request, course_id: ObjectId):
    page = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    enrolment = _enrolment(request.user, page)
    progress = services.course_progress(page, enrolment)
    page.modules = [
        {"id": outline.module.pk, "title": outline.module.title,
         "lessons": [{**_lesson_fields(lesson), "done": lesson.pk in progress.done}
                     for lesson in outline.lessons]}
        for outline in progress.modules
    ]
    page.tests = list(Quiz.objects.filter(course=page).values("id", "role"))
    page.enrolment = enrolment
    return page


def _lesson_fields(lesson):
    return {"id": lesson.pk, "title": lesson.title, "estimated_minutes": lesson.estimated_minutes,
            "required": lesson.required}


@router.post("/{int:course_id}/enrolment", response={201: EnrolmentOut})
def enrol(request, course_id: ObjectId):
    """Enrol (once; enrolling again answers with the enrolment there is). Refused with 409
    and the reason, as on the site, when a prerequisite or the deadline stands in the way."""
    page = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    services.enrol(request.user, page)
    return Status(201, _enrolment(request.user, page))


@lessons.get("/{int:lesson_id}", response=LessonContentOut)
def lesson(request, lesson_id: ObjectId):
    page = get_object_or_404(LessonPage.objects.live(), pk=lesson_id).specific
    owner = page.course()
    enrolment = services.enrolment_for(request.user, owner)
    if enrolment is None:
        raise PermissionDenied(_("Enrol in the course to open its lessons."))
    progress = services.course_progress(owner, enrolment)
    position = services.lesson_position(progress, page)
    return {
        "id": page.pk, "course_id": owner.pk, "title": page.title,
        "number": position.number, "total": position.total,
        "previous_id": position.previous.pk if position.previous else None,
        "next_id": position.next.pk if position.next else None,
        "done": page.pk in progress.done,
        "body_html": page.body.render_as_block(context={"request": request, "page": page}),
    }


@lessons.post("/{int:lesson_id}/done", response=EnrolmentOut)
def lesson_done(request, lesson_id: ObjectId):
    """Mark the lesson done; the answer is the enrolment after it (completed when it was the
    last thing to do)."""
    page = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    owner = page.course()
    enrolment = get_object_or_404(Enrolment, user=request.user, course=owner)
    services.complete_lesson(enrolment, page)
    return _enrolment(request.user, owner)
