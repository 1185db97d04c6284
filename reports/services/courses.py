"""Course report: enrolled, in progress, completed, completion rate, median time to
complete, who skipped the pre-test, pre/post scores and learning gain, pass rate — by
course, by organisation and by learner category, for the enrolments of one subtree.

A year selects the enrolments made in that year (a cohort), so that the completion rate
says what became of the people who started then. Every figure is aggregated by the
database; the median takes the one or two middle rows of each group from a window query.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lms.models import Enrolment, LearnerCategory
from lms.periods import year_bounds
from lms.permissions import check_organisation
from quizzes.models import Attempt, Quiz
from quizzes.services import gain_by, whole_percent

from .grouping import child_key, children_by_path, own_label
from .tables import Column, ReportTable, percent

LOW_COMPLETION_RATE = 50  # percent: below it a course is flagged on the dashboard
LOW_COMPLETION_MIN_ENROLMENTS = 5  # fewer enrolments say too little to flag a course


def scoped_enrolments(user, organisation, *, year=None, course=None, category=None):
    """Enrolments of people in ``organisation``'s subtree, filtered; checks the scope."""
    check_organisation(user, organisation)
    enrolments = Enrolment.objects.under(organisation)
    if year:
        start, end = year_bounds(year)
        enrolments = enrolments.filter(enrolled_at__gte=start, enrolled_at__lt=end)
    if course:
        enrolments = enrolments.filter(course=course)
    if category:
        enrolments = enrolments.filter(user__profile__category=category)
    return enrolments.order_by()


def _attempts(role=Quiz.Role.POST, **extra):
    return Attempt.objects.filter(
        quiz__course=OuterRef("course"), quiz__role=role, user=OuterRef("user"),
        submitted_at__isnull=False, **extra,
    )


# Chose "skip it and go to the lessons" on the pre-test's page and never took it after all.
SKIPPED_PRE_TEST = Q(pre_test_skipped_at__isnull=False) & ~Exists(_attempts(Quiz.Role.PRE))


def _counts(enrolments):
    return {
        row["key"]: row
        for row in enrolments.values("key").annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            skipped_pre_test=Count("pk", filter=SKIPPED_PRE_TEST),
            tested=Count("pk", filter=Exists(_attempts())),
            passed=Count("pk", filter=Exists(_attempts(passed=True))),
        )
    }


def _gains(enrolments):
    return {row["key"]: row for row in gain_by(enrolments, "key")}


def _medians(enrolments):
    """{key: median days from enrolment to completion}, from at most two rows a group."""
    took = ExpressionWrapper(F("completed_at") - F("enrolled_at"), output_field=DurationField())
    middle = (
        enrolments.filter(completed_at__isnull=False)
        .annotate(
            took=took,
            position=Window(RowNumber(), partition_by=[F("key")], order_by=[took.asc(), F("pk").asc()]),
            of=Window(Count("pk"), partition_by=[F("key")]),
        )
        .filter(position__gte=F("of") / 2.0, position__lte=F("of") / 2.0 + 1)
        .values_list("key", "took")
    )
    values = defaultdict(list)
    for key, duration in middle:
        values[key].append(duration.total_seconds() / 86400)
    return {key: round(sum(days) / len(days), 1) for key, days in values.items()}


@dataclass
class CourseRow:
    key: object
    label: str
    enrolled: int = 0
    completed: int = 0
    skipped_pre_test: int = 0
    tested: int = 0
    passed: int = 0
    median_days: float | None = None
    pre: int | None = None
    post: int | None = None
    gain: int | None = None
    link: object = None

    @property
    def in_progress(self):
        return self.enrolled - self.completed

    @property
    def completion_rate(self):
        return percent(self.completed, self.enrolled)

    @property
    def pass_rate(self):
        return percent(self.passed, self.tested)

    def values(self):
        return [
            self.label, self.enrolled, self.in_progress, self.completed, self.completion_rate,
            self.median_days, self.skipped_pre_test, self.pre, self.post, self.gain, self.pass_rate,
        ]


def grouped_rows(enrolments, key, labels):
    """A CourseRow per value of the expression ``key`` over ``enrolments``; ``labels``
    turns the key into (label, link). Four queries."""
    enrolments = enrolments.annotate(key=key)
    counts, gains, medians = _counts(enrolments), _gains(enrolments), _medians(enrolments)
    rows = []
    for value, count in counts.items():
        label, link = labels(value)
        gain = gains.get(value, {})
        rows.append(CourseRow(
            key=value, label=label, link=link,
            enrolled=count["enrolled"], completed=count["completed"],
            skipped_pre_test=count["skipped_pre_test"],
            tested=count["tested"], passed=count["passed"], median_days=medians.get(value),
            # Rounded as the learner and her mentor see them (one rule: whole_percent).
            pre=whole_percent(gain.get("pre_avg")), post=whole_percent(gain.get("post_avg")),
            gain=whole_percent(gain.get("gain_avg")),
        ))
    return sorted(rows, key=lambda row: str(row.label))


@dataclass
class CourseReport:
    by_course: list
    by_organisation: list
    by_category: list
    title: str

    def tables(self):
        def columns(first):
            return [
                Column(first), Column(_("Enrolled"), "int"), Column(_("In progress"), "int"),
                Column(pgettext("people who completed a course", "Completed"), "int"),
                Column(_("Completion rate, %"), "percent"),
                Column(_("Median days to complete"), "number"), Column(_("Skipped the pre-test"), "int"),
                Column(_("Pre-test, average %"), "int"),
                Column(_("Post-test, average %"), "int"), Column(_("Learning gain, %"), "int"),
                Column(_("Pass rate, %"), "percent"),
            ]

        return [
            ReportTable(key="courses", title=_("By course: %(scope)s") % {"scope": self.title},
                        columns=columns(_("Course")), rows=[r.values() for r in self.by_course],
                        links=[r.link for r in self.by_course]),
            ReportTable(key="course-organisations",
                        title=_("By organisation: %(scope)s") % {"scope": self.title},
                        columns=columns(_("Organisation")), rows=[r.values() for r in self.by_organisation],
                        links=[r.link for r in self.by_organisation]),
            ReportTable(key="course-categories",
                        title=_("By learner category: %(scope)s") % {"scope": self.title},
                        columns=columns(_("Learner category")), rows=[r.values() for r in self.by_category]),
        ]


def course_report(user, organisation, *, year=None, course=None, category=None):
    """The course report of ``organisation``'s subtree; a constant number of queries."""
    enrolments = scoped_enrolments(user, organisation, year=year, course=course, category=category)
    titles = dict(enrolments.values_list("course_id", "course__title").distinct())
    children = children_by_path(organisation)

    def organisation_label(path):
        child = children.get(path)
        if child is None:
            return own_label(organisation), None
        return child.name, {"org": child.pk}

    by_course = grouped_rows(
        enrolments, F("course_id"), lambda pk: (titles.get(pk, str(pk)), {"course": pk})
    )
    by_organisation = grouped_rows(
        enrolments, child_key("user__profile__organisation__path", organisation), organisation_label
    )
    by_category = grouped_rows(
        enrolments, F("user__profile__category"), lambda value: (LearnerCategory(value).label, None)
    )
    return CourseReport(by_course=by_course, by_organisation=by_organisation, by_category=by_category,
                        title=organisation.name)


def low_completion_courses(user, organisation, *, rate=LOW_COMPLETION_RATE,
                           min_enrolments=LOW_COMPLETION_MIN_ENROLMENTS):
    """Courses whose completion rate in the subtree is below ``rate`` percent (among
    courses with at least ``min_enrolments`` enrolments), lowest first. One query."""
    rows = (
        scoped_enrolments(user, organisation)
        .values("course_id", "course__title")
        .annotate(enrolled=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False)))
        .filter(enrolled__gte=min_enrolments, completed__lt=F("enrolled") * rate / 100.0)
    )
    low = [
        CourseRow(key=row["course_id"], label=row["course__title"], enrolled=row["enrolled"],
                  completed=row["completed"], link={"course": row["course_id"]})
        for row in rows
    ]
    return sorted(low, key=lambda r: (r.completion_rate, str(r.label)))
