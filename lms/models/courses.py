"""Courses as Wagtail pages: catalogue → course → module → lesson.

The pages hold content only; ``lms/wagtail_hooks.py`` hands their requests to the views in
``lms/views/learning.py``, which add enrolment and progress.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from ..lesson_blocks import LessonBodyBlock
from ..panels import CourseBuilderPanel
from ..search import stems_of
from ..slugs import LatinSlugMixin
from .bilingual import Bilingual
from .profiles import LearnerCategory


class Level(models.TextChoices):
    BASIC = "basic", _("Basic")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Tier(models.TextChoices):
    DISTRICT_SCHOOL = "district", _("District or city school of union activists")
    REGIONAL_SCHOOL = "regional", _("Regional school")
    TRAINING_CENTRE = "centre", _("Central Committee training centre")


class Topic(models.Model):
    """A subject of union training: labour law, occupational safety, mediation..."""

    slug = models.SlugField(unique=True)
    name_ru = models.CharField(_("name in Russian"), max_length=120)
    name_kk = models.CharField(_("name in Kazakh"), max_length=120)

    class Meta:
        ordering = ["name_ru"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    name = Bilingual()




class Audience(models.Model):
    """One learner category, as a row, so that courses can target several of them and the
    catalogue can filter and rank by them in SQL. The rows are made by a migration."""

    category = models.CharField(max_length=32, choices=LearnerCategory.choices, unique=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("learner category")
        verbose_name_plural = _("learner categories")

    def __str__(self):
        return str(LearnerCategory(self.category).label)


class CourseIndexPage(LatinSlugMixin, Page):
    """The catalogue. Its heading comes from the translation catalogue, not the title."""

    subpage_types = ["lms.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def route(self, request, path_components):
        """Find a course, module or lesson in one query by its URL path. Wagtail's own routing
        takes two queries per level, and lessons sit three levels below the catalogue."""
        model = {1: CoursePage, 2: ModulePage, 3: LessonPage}.get(len(path_components))
        if model is None:
            return super().route(request, path_components)
        page = model.objects.filter(
            path__startswith=self.path, depth=self.depth + len(path_components),
            url_path=self.url_path + "/".join(path_components) + "/",
        ).first()
        if page is None or not page.live:
            raise Http404
        return RouteResult(page)


class CoursePage(LatinSlugMixin, Page):
    summary = models.TextField(_("summary"), max_length=600)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.BASIC)
    tier = models.CharField(
        _("tier"), max_length=16, choices=Tier.choices, default=Tier.DISTRICT_SCHOOL
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="ru"
    )
    same_course_key = models.SlugField(
        _("same course in other languages"),
        max_length=80,
        blank=True,
        help_text=_(
            "Give the Kazakh and the Russian copy of one course the same key: learners then see "
            "the copy in their language, with a link to the other."
        ),
    )
    estimated_hours = models.PositiveSmallIntegerField(_("estimated hours"), default=2)
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("Learners must finish by this date; no one can enrol after it."),
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    audiences = ParentalManyToManyField(
        Audience,
        verbose_name=_("recommended for"),
        blank=True,
        help_text=_("Learner categories this course is meant for; they see it first."),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisites"),
        symmetrical=False,
        blank=True,
        related_name="required_by",
        help_text=_("Courses a learner must have completed before enrolling."),
    )

    content_panels = [CourseBuilderPanel(), *Page.content_panels] + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("language"),
                FieldPanel("same_course_key"),
                FieldPanel("level"),
                FieldPanel("tier"),
                FieldPanel("estimated_hours"),
                FieldPanel("deadline"),
            ],
            heading=_("About the course"),
        ),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("prerequisites"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("search_stems"),
        index.FilterField("language"),
        index.FilterField("level"),
        index.FilterField("tier"),
    ]
    parent_page_types = ["lms.CourseIndexPage"]
    subpage_types = ["lms.ModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def search_stems(self):
        """Russian and Kazakh stems of the title and summary, indexed next to them so that
        any inflected form of a word finds the course, as it finds materials (``lms.search``)."""
        return stems_of(f"{self.title} {self.summary}")

    def lessons(self):
        """The live lessons of this course in reading order, in one query."""
        return LessonPage.objects.live().descendant_of(self).order_by("path")

    def outline(self):
        """The course as its authors see it: (module, its lessons) in order, drafts included
        (titles as last saved: ``draft_title``), in three queries whatever its size."""
        if not self.pk:
            return []
        modules = {}
        for page in self.get_descendants().type(ModulePage, LessonPage).specific().order_by("path"):
            if isinstance(page, ModulePage):
                modules[page.path] = (page, [])
            elif page.path[: -self.steplen] in modules:
                modules[page.path[: -self.steplen]][1].append(page)
        return list(modules.values())

    def serve_preview(self, request, mode_name):
        """What a methodologist reviews: the course with its modules and lessons, drafts
        included (the learner view needs an enrolment, and shows live lessons only)."""
        return TemplateResponse(request, "lms/course_preview.html", {"page": self, "course": self})


class ModulePage(LatinSlugMixin, Page):
    summary = models.TextField(_("summary"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary")]
    parent_page_types = ["lms.CoursePage"]
    subpage_types = ["lms.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def serve_preview(self, request, mode_name):
        """A reviewer's preview: the module's lessons, drafts included (learners never open
        a module: its address leads to its course)."""
        lessons = LessonPage.objects.child_of(self).order_by("path") if self.pk else []
        return TemplateResponse(request, "lms/module_preview.html",
                                {"page": self, "module": self, "lessons": lessons})


class LessonPage(LatinSlugMixin, Page):
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=15)
    required = models.BooleanField(
        _("required"), default=True, help_text=_("The course is complete only when it is done.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        FieldPanel("estimated_minutes"),
        FieldPanel("required"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["lms.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def course(self):
        return CoursePage.objects.ancestor_of(self).get()

    def serve_preview(self, request, mode_name):
        """A reviewer's preview: the lesson's text, without a learner's enrolment."""
        return TemplateResponse(request, "lms/lesson_preview.html", {"page": self, "lesson": self})
