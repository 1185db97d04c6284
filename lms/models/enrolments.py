from django.conf import settings
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..periods import year_bounds
from ..scope import ScopedQuerySet
from .courses import CoursePage, LessonPage
from .organisations import Organisation
from .profiles import LearnerCategory


def counted_lessons(prefix=""):
    """The lessons a course's progress counts ("3 of 7 lessons done"), as a filter on
    ``LessonPage`` (or on a relation to it through ``prefix``): the live, required ones.
    An optional lesson can be read; it is not counted, as completion does not wait for it."""
    return Q(**{f"{prefix}live": True, f"{prefix}required": True})


def _count(queryset, field):
    return Coalesce(
        Subquery(queryset.order_by().values(field).annotate(n=Count("pk")).values("n")[:1]),
        0, output_field=IntegerField(),
    )


class EnrolmentQuerySet(ScopedQuerySet, models.QuerySet):
    organisation_field = "user__profile__organisation"

    def with_lesson_counts(self):
        """Annotated with ``lessons_done`` and ``lessons_total`` of the counted lessons
        (``counted_lessons``), in the same query: the one source of the figure every page
        shows (My learning, the course and lesson pages, the mentor's page) and completion
        checks."""
        total = LessonPage.objects.filter(counted_lessons(), path__startswith=OuterRef("course__path"))
        done = LessonProgress.objects.filter(counted_lessons("lesson__"), enrolment=OuterRef("pk"))
        return self.annotate(lessons_total=_count(total, "live"), lessons_done=_count(done, "enrolment"))

    def for_dashboard(self):
        """A learner's enrolments with their course and their lesson counts, for listing in
        a bounded number of queries."""
        return self.select_related("course").with_lesson_counts()

    def completed(self):
        return self.filter(completed_at__isnull=False)

    def completed_between(self, start, end):
        """Completed at a moment in ``start`` (included) .. ``end`` (excluded)."""
        return self.filter(completed_at__gte=start, completed_at__lt=end)

    def completed_in(self, year):
        """Completed in ``year``, in the site's time zone."""
        return self.completed_between(*year_bounds(year))

    def in_progress(self):
        return self.filter(completed_at__isnull=True)

    def stalled(self, since):
        """Unfinished, with no progress since ``since`` (enrolling counts as progress);
        annotated with ``last_seen``."""
        return (
            self.in_progress()
            .annotate(last_seen=Coalesce("last_activity_at", "enrolled_at"))
            .filter(last_seen__lt=since)
        )


class Enrolment(models.Model):
    """A learner taking a course. ``completed_at`` is set once, by
    ``services.update_completion``: it is the event certificates and reports use.
    ``final_score`` is written by the same update."""

    class Source(models.TextChoices):
        SELF = "self", _("Self-enrolled")
        BULK = "bulk", _("Enrolled by an administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="enrolments")
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.SELF)
    bulk_enrolment = models.ForeignKey(
        "BulkEnrolment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    enrolled_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, db_index=True)
    # The learner chose to go to the lessons without the course's pre-test (quizzes'
    # "skip" on the pre-test's page); the course report counts them.
    pre_test_skipped_at = models.DateTimeField(_("skipped the pre-test"), null=True, blank=True)
    # The grade kept when the enrolment completes (the best passed final-test score), for
    # the certificate to print; None for a course without a final test.
    final_score = models.DecimalField(
        _("final test score"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")
        ]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self):
        return f"{self.user} → {self.course}"

    @property
    def is_complete(self):
        return self.completed_at is not None

    @property
    def lessons_left(self):
        """Counted lessons still to do; only on enrolments ``with_lesson_counts``."""
        return self.lessons_total - self.lessons_done

    @property
    def lessons_percent(self):
        """How far through the counted lessons, 0-100; only on enrolments ``with_lesson_counts``."""
        if not self.lessons_total:
            return 0
        return round(100 * self.lessons_done / self.lessons_total)

    @property
    def is_overdue(self):
        return (
            self.deadline is not None
            and self.completed_at is None
            and self.deadline < timezone.localdate()
        )


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="lesson_done_once")
        ]

    def __str__(self):
        return f"{self.enrolment_id}: {self.lesson_id}"


class BulkEnrolment(models.Model):
    """An administrator's request to enrol everyone of a category in a subtree; a Celery
    task works through it and records how far it got."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    course = models.ForeignKey(CoursePage, verbose_name=_("course"), on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE
    )
    category = models.CharField(
        _("learner category"), max_length=32, choices=LearnerCategory.choices
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(_("learners found"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    enrolled = models.PositiveIntegerField(_("newly enrolled"), default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bulk enrolment")
        verbose_name_plural = _("bulk enrolments")

    def __str__(self):
        return f"{self.course} · {self.organisation} · {self.get_category_display()}"

    @property
    def progress_label(self):
        return f"{self.processed} / {self.total}"
