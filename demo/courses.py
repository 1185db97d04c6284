"""The demo catalogue: topics, twelve courses (six subjects, each in Russian ``-ru`` and
Kazakh ``-kk``, the two copies sharing a ``same_course_key``) with their modules and lessons,
and the learning paths, from ``demo/data/catalogue.json`` and ``demo/data/courses/``."""

import datetime
import json

from lms import services
from lms.models import (
    Audience,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LearnerCategory,
    LearningPath,
    LearningPathStep,
    LessonPage,
    ModulePage,
    Topic,
    User,
)

from . import loaders
from .home import ensure_home_page


def _body(blocks):
    """A lesson's blocks ({"type", "value"}) as StreamField JSON."""
    raw = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "video":
            value = {"file": None, "description": "", **value}
        raw.append({"type": block["type"], "value": value})
    return json.dumps(raw)


def _ensure_page(parent, page_class, slug, **fields):
    existing = page_class.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    return parent.add_child(instance=page_class(slug=slug, live=True, **fields))


def build_courses():
    """The catalogue with the demo courses in Russian and Kazakh, and the learning paths.
    Pages that exist already are left as editors may have changed them."""
    home = ensure_home_page()
    catalogue = _ensure_page(home, CourseIndexPage, "courses", title="Курсы · Курстар")
    for category in LearnerCategory.values:
        Audience.objects.get_or_create(category=category)
    for topic in loaders.topics():
        Topic.objects.update_or_create(
            slug=topic["slug"], defaults={"name_ru": topic["name_ru"], "name_kk": topic["name_kk"]}
        )
    courses = {}
    for spec in loaders.courses():
        course = CoursePage.objects.child_of(catalogue).filter(slug=spec["slug"]).first()
        if course is None:
            course = CoursePage(
                slug=spec["slug"], live=True, title=spec["title"], summary=spec["summary"],
                language=spec["language"], same_course_key=spec["same_course_key"],
                level=spec["level"], tier=spec["tier"],
                estimated_hours=spec["hours"],
                deadline=spec["deadline"] and datetime.date.fromisoformat(spec["deadline"]),
            )
            course.topics = list(Topic.objects.filter(slug__in=spec["topics"]))
            course.audiences = list(Audience.objects.filter(category__in=spec["audiences"]))
            course.prerequisites = [courses[slug] for slug in spec["prerequisites"]]
            catalogue.add_child(instance=course)
        courses[spec["slug"]] = course
        for m, module_spec in enumerate(spec["modules"], start=1):
            module = _ensure_page(
                course, ModulePage, f"module-{m}",
                title=module_spec["title"], summary=module_spec["summary"],
            )
            for n, lesson in enumerate(module_spec["lessons"], start=1):
                _ensure_page(
                    module, LessonPage, f"lesson-{n}", title=lesson["title"],
                    estimated_minutes=lesson["minutes"], required=lesson["required"],
                    body=_body(lesson["body"]),
                )
    for spec in loaders.learning_paths():
        path, created = LearningPath.objects.get_or_create(
            title_ru=spec["title_ru"],
            defaults={"title_kk": spec["title_kk"], "category": spec["category"],
                      "description": spec["description"]},
        )
        if created:
            for position, slug in enumerate(spec["courses"]):
                LearningPathStep.objects.create(path=path, course=courses[slug], sort_order=position)
    return courses


def start_demo_learning(courses):
    """Give the demo members something to continue: the Kazakh member is half-way through
    the basics, the Russian member has finished them."""
    kk_member = User.objects.get(email="member.kk@example.org")
    ru_member = User.objects.get(email="member.ru@example.org")
    started = services.enrol(kk_member, courses["union-basics-kk"])
    first_lesson = courses["union-basics-kk"].lessons().first()
    services.complete_lesson(started, first_lesson)
    finished = services.enrol(ru_member, courses["union-basics-ru"])
    if not finished.is_complete:
        for lesson in courses["union-basics-ru"].lessons():
            services.complete_lesson(finished, lesson)
    return Enrolment.objects.filter(user__in=[kk_member, ru_member]).count()
