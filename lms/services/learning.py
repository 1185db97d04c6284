"""Business rules of self-paced learning: catalogue, enrolment, progress, completion."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..completion import final_score, unmet_requirements, with_results
from ..models import (
    BulkEnrolment,
    CoursePage,
    Enrolment,
    LearnerProfile,
    LearningPath,
    LessonPage,
    LessonProgress,
    ModulePage,
    User,
)
from ..permissions import may_lead
from ..scope import under
from ..search import in_order_of, matching_ids
from ..signals import enrolment_completed
from ..steps import NextStep, before_lessons

BULK_CHUNK = 1000


class EnrolmentRefused(Exception):
    """The learner may not enrol; the message says why, in their language."""


# --- Catalogue -------------------------------------------------------------------------


def _copy_preference(language):
    """0 for a course in ``language``, 1 in the site's default language, 2 in another."""
    return Case(
        When(language=language or "", then=Value(0)),
        When(language=settings.LANGUAGE_CODE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def one_copy_per_course(courses, language):
    """``courses`` with each course once: of its copies in several languages (one
    ``same_course_key``) that are among them, the one in ``language``, else the one in the
    site's default language. Annotated with ``copy_preference`` (0 for ``language``)."""
    courses = courses.annotate(copy_preference=_copy_preference(language))
    preferred_copy = courses.filter(
        same_course_key=OuterRef("same_course_key"), copy_preference__lt=OuterRef("copy_preference")
    )
    return courses.filter(Q(same_course_key="") | ~Exists(preferred_copy))


def catalogue_courses(index_page, *, category=None, language=None, filters=None, query=""):
    """Live courses of the catalogue, filtered, each course once (in ``language`` when it
    has a copy in it: ``one_copy_per_course``), with those recommended for ``category``
    first, those in ``language`` next, then the best matches of ``query``. A copy in
    another language of a course that exists in ``language`` is never recommended. Topics
    and audiences come prefetched."""
    filters = filters or {}
    live = CoursePage.objects.live().child_of(index_page)
    courses = live
    for name in ("level", "tier", "language"):
        if filters.get(name):
            courses = courses.filter(**{name: filters[name]})
    if filters.get("topic"):
        courses = courses.filter(topics__slug=filters["topic"])
    if filters.get("category"):
        courses = courses.filter(audiences__category=filters["category"])
    ids = matching_ids(live, query) if query else None
    if ids is not None:
        courses = courses.filter(pk__in=ids)
    for_category = CoursePage.audiences.through.objects.filter(
        coursepage_id=OuterRef("pk"), audience__category=category or ""
    )
    copy_in_my_language = live.filter(
        language=language or "", same_course_key=OuterRef("same_course_key")
    ).exclude(same_course_key="").exclude(language=OuterRef("language"))
    relevance = [in_order_of(ids)] if ids else []
    return (
        one_copy_per_course(courses, language)
        .annotate(recommended=Case(
            When(Exists(copy_in_my_language), then=Value(False)),
            When(Exists(for_category), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ))
        .order_by("-recommended", "copy_preference", *relevance, "title")
        .prefetch_related("topics", "audiences")
        .distinct()
    )


def other_language_copies(courses):
    """The live copies in other languages of each of ``courses`` (a page of a list), in one
    query: {course pk: [copy, ...]}, copies in the order of their language code."""
    keys = {course.same_course_key for course in courses if course.same_course_key}
    if not keys:
        return {}
    by_key = defaultdict(list)
    for copy in CoursePage.objects.live().filter(same_course_key__in=keys).order_by("language", "pk"):
        by_key[copy.same_course_key].append(copy)
    return {
        course.pk: [copy for copy in by_key[course.same_course_key] if copy.pk != course.pk]
        for course in courses
        if course.same_course_key
    }


# --- Enrolment -------------------------------------------------------------------------


def missing_prerequisites(user, course):
    """Prerequisite courses that ``user`` has not completed yet."""
    completed = Enrolment.objects.filter(user=user, completed_at__isnull=False)
    return course.prerequisites.exclude(pk__in=completed.values("course_id"))


def enrolment_refusal(user, course, today=None):
    """Why ``user`` may not enrol in ``course`` now, or None if they may."""
    today = today or timezone.localdate()
    if course.deadline and course.deadline < today:
        return _("Enrolment has closed: the course had to be finished by %(date)s.") % {
            "date": date_format(course.deadline)
        }
    missing = list(missing_prerequisites(user, course).values_list("title", flat=True))
    if missing:
        return _("Complete these courses first: %(courses)s.") % {"courses": "; ".join(missing)}
    return None


def enrol(user, course, *, source=Enrolment.Source.SELF, deadline=None):
    """Enrol ``user`` in ``course`` (once). Raises EnrolmentRefused with the reason."""
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing:
        return existing
    reason = enrolment_refusal(user, course)
    if reason:
        raise EnrolmentRefused(reason)
    try:
        with transaction.atomic():
            return Enrolment.objects.create(
                user=user, course=course, source=source, deadline=deadline or course.deadline
            )
    except IntegrityError:  # a double click: the other request enrolled first
        return Enrolment.objects.get(user=user, course=course)


def enrolment_for(user, course, *, results=False):
    """The learner's enrolment in ``course`` with its lesson counts (``with_lesson_counts``)
    and, with ``results``, what other apps add (certificate, final test score...); None for
    a visitor or someone not enrolled. One query."""
    if not user.is_authenticated:
        return None
    enrolments = Enrolment.objects.filter(user=user, course=course).with_lesson_counts()
    return (with_results(enrolments) if results else enrolments).first()


def step_before_lessons(enrolment):
    """What the learner is offered before the lessons (the course's pre-test, which the
    quizzes app registers), or None: then the lessons come first."""
    return before_lessons(enrolment)


def next_lesson(enrolment):
    """The first lesson in reading order that the learner has not finished, or None. One
    query (with ``enrolment.course`` loaded)."""
    return (
        enrolment.course.lessons()
        .exclude(pk__in=LessonProgress.objects.filter(enrolment=enrolment).values("lesson_id"))
        .first()
    )


def where_to_start(enrolment):
    """Where a learner who has just enrolled (or come back to enrol again) goes: the step
    before the lessons if there is one, else the next lesson, else the course page."""
    step = step_before_lessons(enrolment)
    if step is not None:
        return step.url
    lesson = next_lesson(enrolment)
    return lesson.url if lesson else enrolment.course.url


# --- Progress and completion -----------------------------------------------------------


@dataclass
class ModuleOutline:
    module: ModulePage
    lessons: list = field(default_factory=list)


@dataclass
class CourseProgress:
    """A course's modules and lessons with what the learner has done, built in three
    queries whatever the size of the course. The figures ("3 of 7 lessons done") are the
    enrolment's own (``Enrolment.objects.with_lesson_counts``)."""

    modules: list
    done: set
    next_lesson: LessonPage | None

    @property
    def lessons(self):
        return [lesson for outline in self.modules for lesson in outline.lessons]


@dataclass
class LessonPosition:
    """Where a lesson stands in its course's reading order: "Lesson 3 of 7", and the
    lessons before and after it."""

    number: int
    total: int
    previous: LessonPage | None
    next: LessonPage | None


def lesson_position(progress, lesson):
    """The position of ``lesson`` among the lessons of ``progress`` (a CourseProgress)."""
    lessons = progress.lessons
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    return LessonPosition(
        number=index + 1,
        total=len(lessons),
        previous=lessons[index - 1] if index > 0 else None,
        next=lessons[index + 1] if index + 1 < len(lessons) else None,
    )


def course_progress(course, enrolment=None):
    modules = {
        module.path: ModuleOutline(module)
        for module in ModulePage.objects.live().child_of(course).order_by("path")
    }
    lessons = list(course.lessons())
    done = set()
    if enrolment is not None:
        done = set(enrolment.progress.values_list("lesson_id", flat=True))
    for lesson in lessons:
        outline = modules.get(lesson.path[: -LessonPage.steplen])
        if outline is not None:
            outline.lessons.append(lesson)
    return CourseProgress(
        modules=[outline for outline in modules.values() if outline.lessons],
        done=done,
        next_lesson=next((lesson for lesson in lessons if lesson.pk not in done), None),
    )


def complete_lesson(enrolment, lesson):
    """Record that the learner finished ``lesson``; completes the course if it was the last
    thing to do. Safe to call twice."""
    if not lesson.path.startswith(enrolment.course.path):
        raise PermissionDenied("The lesson is not part of this course.")
    LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=timezone.now())
    return update_completion(enrolment)


def completion_blockers(enrolment):
    """What the learner still has to do before the course is complete, as NextSteps with
    their buttons (empty when done): the required lessons left, then what the registered
    requirements ask (the final test)."""
    counts = (Enrolment.objects.filter(pk=enrolment.pk).with_lesson_counts()
              .values("lessons_done", "lessons_total").get())
    if not counts["lessons_total"] and not enrolment.course.lessons().exists():
        return [NextStep(_("The course has no lessons yet."))]
    blockers = []
    left = counts["lessons_total"] - counts["lessons_done"]
    if left:
        lesson = (
            enrolment.course.lessons().filter(required=True)
            .exclude(pk__in=LessonProgress.objects.filter(enrolment=enrolment).values("lesson_id"))
            .first()
        )
        blockers.append(NextStep(
            _("Finish the required lessons (%(left)d left).") % {"left": left},
            label=_("Next lesson"), url=lesson.url if lesson else "",
        ))
    return blockers + unmet_requirements(enrolment)


def update_completion(enrolment):
    """Complete the enrolment if nothing blocks it. The completion date and the grade the
    certificate prints (``final_score``, from the registered grades) are written once, in
    one update, by whichever request gets there first, and ``enrolment_completed`` is sent
    once, after the commit."""
    if enrolment.completed_at is not None:
        return True
    if completion_blockers(enrolment):
        return False
    now = timezone.now()
    won = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        completed_at=now, last_activity_at=now, final_score=final_score(enrolment)
    )
    enrolment.refresh_from_db(fields=["completed_at", "last_activity_at", "final_score"])
    if won:
        transaction.on_commit(
            lambda: enrolment_completed.send(sender=Enrolment, enrolment_id=enrolment.pk)
        )
    return True


def dashboard_enrolments(user):
    """The learner's enrolments for "My learning": unfinished first, nearest deadline first,
    each with ``lessons_done``, ``lessons_total`` and the results other apps add, in one query."""
    return with_results(
        Enrolment.objects.filter(user=user)
        .for_dashboard()
        .order_by(F("completed_at").desc(nulls_first=True), F("deadline").asc(nulls_last=True),
                  "-enrolled_at")
    )


# --- Learning paths --------------------------------------------------------------------


@dataclass
class PathStep:
    course: CoursePage
    enrolment: Enrolment | None

    @property
    def is_complete(self):
        return self.enrolment is not None and self.enrolment.completed_at is not None


def path_progress(user, path):
    """The steps of ``path`` with the learner's enrolment in each, in two queries."""
    steps = list(path.steps.select_related("course").order_by("sort_order"))
    enrolments = {}
    if user.is_authenticated:
        enrolments = {
            e.course_id: e
            for e in Enrolment.objects.filter(user=user, course__in=[s.course for s in steps])
        }
    return [PathStep(step.course, enrolments.get(step.course_id)) for step in steps]


def paths_for(user):
    """The learning paths for the learner's category, whose profile is read inside the same
    query (My learning, the learner's home, stays within its query budget)."""
    category = LearnerProfile.objects.filter(user=user).values("category")
    return LearningPath.objects.filter(category=Subquery(category)).prefetch_related("steps")


# --- Bulk enrolment --------------------------------------------------------------------


def request_bulk_enrolment(admin, *, course, organisation, category, deadline=None):
    """An administrator asks to enrol everyone of ``category`` in ``organisation``'s subtree.
    A receiver queues the work once the request is saved."""
    if not may_lead(admin, organisation):
        raise PermissionDenied(_("You do not administer this organisation."))
    return BulkEnrolment.objects.create(
        course=course, organisation=organisation, category=category, deadline=deadline,
        requested_by=admin,
    )


def bulk_enrolment_candidates(job):
    """Active learners of the job's category in its subtree who have completed every
    prerequisite of the course."""
    learners = User.objects.filter(
        is_active=True,
        profile__category=job.category,
    ).filter(under(job.organisation, "profile__organisation"))
    for prerequisite_id in job.course.prerequisites.values_list("pk", flat=True):
        learners = learners.filter(
            Exists(Enrolment.objects.filter(
                user=OuterRef("pk"), course_id=prerequisite_id, completed_at__isnull=False
            ))
        )
    return learners


def run_bulk_enrolment(job_id, chunk=BULK_CHUNK):
    """Work through a bulk enrolment in chunks, saving progress after each. Running it
    again redoes the count and enrols no one twice."""
    job = BulkEnrolment.objects.select_related("course", "organisation").get(pk=job_id)
    if job.status == BulkEnrolment.Status.DONE:
        return job
    candidates = bulk_enrolment_candidates(job).order_by("pk")
    job.total, job.processed, job.enrolled = candidates.count(), 0, 0
    job.status = BulkEnrolment.Status.RUNNING
    job.save(update_fields=["total", "processed", "enrolled", "status"])
    last_pk = 0
    while True:
        ids = list(candidates.filter(pk__gt=last_pk).values_list("pk", flat=True)[:chunk])
        if not ids:
            break
        with transaction.atomic():
            already = set(
                Enrolment.objects.filter(course=job.course, user_id__in=ids)
                .values_list("user_id", flat=True)
            )
            Enrolment.objects.bulk_create(
                [
                    Enrolment(user_id=uid, course=job.course, source=Enrolment.Source.BULK,
                              bulk_enrolment=job, deadline=job.deadline or job.course.deadline)
                    for uid in ids if uid not in already
                ],
                ignore_conflicts=True,
            )
            job.processed += len(ids)
            job.enrolled += len(ids) - len(already)
            job.save(update_fields=["processed", "enrolled"])
        last_pk = ids[-1]
    # Counted from the rows themselves, so a rerun after a crash reports the whole job.
    job.enrolled = Enrolment.objects.filter(bulk_enrolment=job).count()
    job.status = BulkEnrolment.Status.DONE
    job.save(update_fields=["enrolled", "status"])
    return job
