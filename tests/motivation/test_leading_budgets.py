"""Query budgets of the services behind "My organisation" and its summary: the same number
of queries for a school of 50 members as for one of 1,500, and the right counts."""

import datetime

import pytest
from django.utils import timezone

from lms.models import Enrolment, LearnerCategory, LearnerProfile, User
from motivation.services import leading
from motivation.services.leading_summary import summary
from tests.lms.factories import course, member
from tests.reports.factories import almaty, attend, attended_webinar, completed, training_event, webinar_page

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
# The queries each service may run, whatever the size of the school.
# The summary: 4 for the permission check of a user fresh from the database (her two sets of
# permissions, her profile, her organisation), then the status counts, the trained members,
# their courses, webinars and events, and the coverage line.
QUERIES = {"page": 1, "status_counts": 1, "coverage_line": 1, "summary": 10}


def crowd(organisation, size, prefix):
    """``size`` members of ``organisation`` in two bulk inserts."""
    users = User.objects.bulk_create([
        User(username=f"{prefix}{n}", email=f"{prefix}{n}@example.org", first_name="Member",
             last_name=f"{prefix}{n:05d}", password="!")
        for n in range(size)
    ])
    LearnerProfile.objects.bulk_create([
        LearnerProfile(user=user, organisation=organisation,
                       category=LearnerCategory.YOUNG_TEACHER if n % 3 else LearnerCategory.MEMBER)
        for n, user in enumerate(users)
    ])
    return users


@pytest.fixture(params=[50, 1500], ids=["50-members", "1500-members"])
def school(request, union, catalogue, webinars):
    """A school of 50 or 1,500 members; three of them trained this year, one last year, and
    one stalled; its chair."""
    organisation = union.school_a
    crowd(organisation, request.param - 5, "m")
    chair = member(organisation, category=LearnerCategory.PRIMARY_CHAIR, last_name="Chair")
    ann, bota, dana, erlan = (member(organisation, last_name=name)
                              for name in ("Ann", "Bota", "Dana", "Erlan"))
    first, second = course(catalogue, modules=1, lessons=1), course(catalogue, modules=1, lessons=1)
    spring = almaty(YEAR, 1, 10)
    completed(ann, first, spring)
    completed(ann, second, spring)
    attended_webinar(bota, webinar_page(webinars, spring), spring)
    attend(training_event(organisation, datetime.date(YEAR, 1, 5)), dana, ann)
    completed(erlan, first, almaty(YEAR - 1, 12, 20))  # last year: not counted
    long_ago = timezone.now() - datetime.timedelta(days=60)
    Enrolment.objects.create(user=erlan, course=second, enrolled_at=long_ago)  # stalled
    assert User.objects.filter(profile__organisation=organisation).count() == request.param
    return organisation, chair


def test_a_page_of_members_costs_the_same_at_any_size(school, django_assert_num_queries):
    organisation, _chair = school
    with django_assert_num_queries(QUERIES["page"]):
        page = list(leading.with_status(leading.members(organisation, YEAR), "all")[:50])
    assert len(page) == 50
    with django_assert_num_queries(QUERIES["page"]):
        trained = list(leading.with_status(leading.members(organisation, YEAR), "trained")[:50])
    assert {(m.last_name, m.completed, m.webinars, m.seminars) for m in trained} == {
        ("Ann", 2, 0, 1), ("Bota", 0, 1, 0), ("Dana", 0, 0, 1)}
    with django_assert_num_queries(QUERIES["page"]):
        stalled = list(leading.with_status(leading.members(organisation, YEAR), "stalled")[:50])
    assert [(m.last_name, m.learning, m.stalled) for m in stalled] == [("Erlan", 1, 1)]


def test_status_counts_cost_one_query(school, django_assert_num_queries):
    organisation, _chair = school
    size = User.objects.filter(profile__organisation=organisation).count()
    with django_assert_num_queries(QUERIES["status_counts"]):
        counts = leading.status_counts(leading.members(organisation, YEAR))
    assert counts == {"all": size, "trained": 3, "untrained": size - 3, "stalled": 1}


def test_the_coverage_line_costs_one_query(school, django_assert_num_queries):
    organisation, _chair = school
    with django_assert_num_queries(QUERIES["coverage_line"]):
        line = leading.coverage_line(organisation, YEAR)
    assert line.trained == 3
    assert line.counts == {LearnerCategory.MEMBER: 3}


def test_the_summary_costs_the_same_at_any_size(school, django_assert_num_queries):
    organisation, chair = school
    chair = User.objects.get(pk=chair.pk)  # nothing cached on the user
    with django_assert_num_queries(QUERIES["summary"]):
        result = summary(chair, organisation, datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))
    assert result.line.trained == 3
    assert [(row.member.last_name, len(row.courses), len(row.webinars), len(row.seminars))
            for row in result.rows] == [("Ann", 2, 0, 1), ("Bota", 0, 1, 0), ("Dana", 0, 0, 1)]
    assert result.untrained == result.registered - 3


@pytest.mark.parametrize("status", ["all", "untrained", "stalled"])
def test_the_whole_page_costs_the_same_queries_at_any_size(client, school, status,
                                                           django_assert_max_num_queries):
    organisation, chair = school
    client.force_login(chair)

    # Session, user, the chair check (profile, organisation), members page, tab counts,
    # coverage line, course and webinar lists, paginator count, menu permissions.
    with django_assert_max_num_queries(16):
        response = client.get("/motivation/organisation/", {"status": status})

    assert response.status_code == 200
    assert len(response.context["listing"]) <= 50
