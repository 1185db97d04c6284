import datetime

import pytest
from django.utils import translation

from lms.models import LearnerCategory as C
from lms.permissions import can_view_organisation
from quizzes.models import Quiz
from reports.services.courses import course_report, low_completion_courses
from tests.lms.factories import administrator, course, member
from tests.quizzes.factories import bank, quiz

from .factories import almaty, completed, enrolled, scored


def days(n):
    return datetime.timedelta(days=n)


@pytest.fixture
def cohort(union, catalogue):
    """Course X with a pre- and a post-test and course Y without tests, taken in a district."""
    x = course(catalogue, modules=1, lessons=1, title="X")
    y = course(catalogue, modules=1, lessons=1, title="Y")
    questions = bank()
    pre, post = quiz(x, [questions], role=Quiz.Role.PRE), quiz(x, [questions], pass_mark=70)
    people = {name: member(org, category) for name, org, category in [
        ("e1", union.school_a, C.MEMBER), ("e2", union.school_a, C.ACTIVIST),
        ("e3", union.school_a2, C.MEMBER), ("e4", union.school_a2, C.MEMBER),
        ("e5", union.school_a, C.MEMBER), ("b", union.school_b, C.MEMBER),
        ("y1", union.school_a2, C.MEMBER), ("y2", union.school_a2, C.MEMBER),
    ]}
    start = almaty(2024, 1, 10)
    completed(people["e1"], x, start + days(2), enrolled_at=start)
    scored(pre, people["e1"], 40, start)
    scored(pre, people["e1"], 60, start + days(1))  # a second diagnostic does not count
    scored(post, people["e1"], 65, start + days(2))
    scored(post, people["e1"], 90, start + days(2))  # the best post-test counts
    completed(people["e2"], x, start + days(4), enrolled_at=start)
    scored(pre, people["e2"], 50, start)
    scored(post, people["e2"], 80, start + days(4))
    completed(people["e3"], x, start + days(10), enrolled_at=start)
    enrolled(people["e4"], x, start)
    scored(post, people["e4"], 30, start + days(5))  # tried, failed, no pre-test
    completed(people["e5"], x, almaty(2023, 5, 6), enrolled_at=almaty(2023, 5, 1))  # another year
    completed(people["b"], x, start + days(1), enrolled_at=start)  # another region
    completed(people["y1"], y, start + days(1), enrolled_at=start)
    completed(people["y2"], y, start + days(3), enrolled_at=start)
    return x, y


def figures(rows):
    return {row.label if isinstance(row.label, str) else str(row.label): row.values()[1:] for row in rows}


def test_course_figures_by_course_organisation_and_category(union, cohort):
    report = course_report(administrator(union.region_a), union.district_a, year=2024)

    # enrolled, in progress, completed, completion %, median days, skipped the pre-test,
    # pre, post, gain (whole percents, as learners see them), pass %
    assert figures(report.by_course) == {
        "X": [4, 1, 3, 75.0, 4.0, 0, 45, 85, 72, 66.7],
        "Y": [2, 0, 2, 100.0, 2.0, 0, None, None, None, None],
    }
    assert figures(report.by_organisation) == {
        union.school_a.name: [2, 0, 2, 100.0, 3.0, 0, 45, 85, 72, 100.0],
        union.school_a2.name: [4, 1, 3, 75.0, 3.0, 0, None, None, None, 0.0],
    }
    assert figures(report.by_category) == {
        str(C.ACTIVIST.label): [1, 0, 1, 100.0, 4.0, 0, 50, 80, 60, 100.0],
        str(C.MEMBER.label): [5, 1, 4, 80.0, 2.5, 0, 40, 90, 83, 50.0],
    }


def test_filters_narrow_the_enrolments(union, cohort):
    x, _y = cohort
    admin = administrator(union.region_a)

    by_course = course_report(admin, union.school_a, year=2024, course=x).by_course
    assert figures(by_course) == {"X": [2, 0, 2, 100.0, 3.0, 0, 45, 85, 72, 100.0]}
    every_year = course_report(admin, union.school_a, course=x, category=C.MEMBER).by_course
    assert figures(every_year)["X"][:4] == [2, 0, 2, 100.0]


def test_the_report_counts_who_skipped_the_pre_test_and_did_not_take_it_after_all(union, cohort):
    x, _y = cohort
    start = almaty(2024, 1, 10)
    skipper, changed_mind = member(union.school_a, C.MEMBER), member(union.school_a, C.MEMBER)
    for person in (skipper, changed_mind):
        enrolment = enrolled(person, x, start)
        enrolment.pre_test_skipped_at = start
        enrolment.save()
    scored(x.quizzes.get(role=Quiz.Role.PRE), changed_mind, 50, start + days(1))

    with translation.override("en"):
        report = course_report(administrator(union.region_a), union.district_a, year=2024)
        columns = [str(column.label) for column in report.tables()[0].columns]

    [row] = [row for row in report.by_course if row.label == "X"]
    assert (row.enrolled, row.skipped_pre_test) == (6, 1)
    assert row.values()[columns.index("Skipped the pre-test")] == 1


def test_low_completion_courses_are_those_below_the_rate(union, cohort):
    admin = administrator(union.region_a)

    low = low_completion_courses(admin, union.region_a, rate=85, min_enrolments=2)

    assert [(row.label, row.completion_rate) for row in low] == [("X", 80.0)]  # Y: 100%
    assert low_completion_courses(admin, union.region_a, rate=80, min_enrolments=2) == []
    assert low_completion_courses(admin, union.region_a, rate=85, min_enrolments=6) == []


@pytest.mark.parametrize("extra", [0, 12])
def test_the_course_report_runs_a_constant_number_of_queries(
    union, catalogue, cohort, extra, django_assert_num_queries
):
    x, y = cohort
    for number in range(extra):
        page = course(catalogue, modules=1, lessons=1) if number % 4 == 0 else (x, y)[number % 2]
        person = member([union.school_a, union.school_a2][number % 2], list(C)[number % len(C)])
        completed(person, page, almaty(2024, 3, 1 + number), enrolled_at=almaty(2024, 2, 1))
    admin = administrator(union.region_a)
    assert can_view_organisation(admin, union.district_a)

    with django_assert_num_queries(11):
        report = course_report(admin, union.district_a, year=2024)

    assert sum(row.enrolled for row in report.by_course) == 6 + extra
