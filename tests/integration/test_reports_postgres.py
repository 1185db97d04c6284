"""Reports on PostgreSQL, and the member import on the real worker (run by .ci/run).

The unit tests check every cell on SQLite; here the same scenarios run against PostgreSQL,
whose SQL for the UNION, the time-zone boundaries and the median window differs.
"""

import pytest
from allauth.account.models import EmailAddress
from django.db import connection

from lms.models import LearnerCategory, User
from lms.permissions import can_view_organisation
from reports.models import MemberImport
from reports.services import member_import
from reports.services.coverage import coverage_report
from tests.lms.factories import UnionTree, administrator, member
from tests.reports import test_courses, test_coverage, test_feedback
from tests.reports.conftest import a_webinar, english, webinars  # noqa: F401 (fixtures)
from tests.reports.test_courses import cohort  # noqa: F401 (fixture)
from tests.reports.test_coverage import people  # noqa: F401 (fixture)

from .real_services import wait_for

pytestmark = pytest.mark.integration


def test_every_cell_of_the_coverage_table_on_postgresql(union, people):  # noqa: F811
    assert connection.vendor == "postgresql"
    test_coverage.test_every_cell_of_the_district_coverage_table(union, people)
    test_coverage.test_the_next_year_holds_the_new_year_eve_webinar(union, people)
    test_coverage.test_the_region_and_the_union_add_up_their_subtrees(union, people)
    test_coverage.test_a_category_filter_counts_that_category_only(union, people)


def test_the_coverage_report_is_two_queries_on_postgresql(union, people, django_assert_num_queries):  # noqa: F811
    admin = administrator(union.root)
    assert can_view_organisation(admin, union.root)

    with django_assert_num_queries(2):
        report = coverage_report(admin, union.root, 2024)

    assert report.total.trained == 10


def test_course_figures_and_the_median_on_postgresql(union, cohort):  # noqa: F811
    test_courses.test_course_figures_by_course_organisation_and_category(union, cohort)
    test_courses.test_low_completion_courses_are_those_below_the_rate(union, cohort)


def test_feedback_results_on_postgresql(union, catalogue, settings):
    test_feedback.test_results_per_course_event_and_trainer(union, catalogue, settings)


# --- Member import on the worker -------------------------------------------------------


@pytest.fixture
def committed_tree(django_db_blocker):
    """A committed union tree and its region A administrator; removed afterwards with the
    members the import made."""
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        admin = administrator(tree.region_a)
        try:
            yield tree, admin
        finally:
            MemberImport.objects.filter(organisation__path__startswith=tree.root.path).delete()
            imported = User.objects.filter(email__endswith="@import.example.org")
            EmailAddress.objects.filter(user__in=imported).delete()
            imported.delete()
            User.objects.filter(profile__organisation__path__startswith=tree.root.path).delete()
            admin.delete()
            tree.root.delete()


def _status(job, *statuses):
    job.refresh_from_db()
    return job.status in statuses


def test_the_worker_checks_and_commits_an_import_and_a_second_run_changes_nothing(committed_tree):
    tree, admin = committed_tree
    member(tree.school_a, email="known@import.example.org", first_name="Ольга", last_name="Петренко")
    rows = ["name,email,organisation,category,position"] + [
        f"Фамилия{n} Имя{n},person{n}@import.example.org,{(tree.school_a, tree.school_a2)[n % 2].pk},"
        f"{('member', 'activist', 'primary_chair')[n % 3]},учитель"
        for n in range(1, 1201)
    ] + [f"Петренко Ольга,known@import.example.org,{tree.school_a2.pk},audit_commission,"]
    content = "\n".join(rows).encode()

    job = member_import.start_import(admin, tree.region_a, "members.csv", content)  # autocommit: queued
    wait_for(lambda: _status(job, "ready", "invalid"), timeout=60, message="the worker to check the file")
    counts = (job.status, job.total, job.new, job.updated, job.unchanged)
    assert counts == ("ready", 1201, 1200, 1, 0), job.errors
    imported = User.objects.filter(email__endswith="@import.example.org")
    assert not imported.filter(profile__category="activist").exists()  # nothing written yet

    assert member_import.request_commit(admin, job)
    wait_for(lambda: _status(job, "done", "failed"), timeout=120, message="the worker to import")
    assert (job.status, job.processed) == ("done", 1201), job.errors
    assert imported.count() == 1201
    assert imported.filter(profile__category=LearnerCategory.ACTIVIST).count() == 400
    # The 1,200 new members have a verified address (the known one had its own already).
    assert EmailAddress.objects.filter(user__in=imported, verified=True).count() == 1201
    new = imported.exclude(email="known@import.example.org")
    assert not new.exclude(password__startswith="!").exists()  # no usable password

    again = member_import.start_import(admin, tree.region_a, "members.csv", content)
    wait_for(lambda: _status(again, "ready", "invalid"), timeout=60, message="the second check")
    assert (again.new, again.updated, again.unchanged) == (0, 0, 1201)
    assert member_import.request_commit(admin, again)
    wait_for(lambda: _status(again, "done", "failed"), timeout=60, message="the second import")
    assert User.objects.filter(email__endswith="@import.example.org").count() == 1201


def test_a_file_with_a_mistake_imports_nothing_on_the_worker(committed_tree):
    tree, admin = committed_tree
    content = (
        "name,email,organisation\n"
        f"Ким Марина,marina@import.example.org,{tree.school_a.pk}\n"
        f"Ким Олег,oleg@import.example.org,{tree.school_b.pk}\n"
    ).encode()

    job = member_import.start_import(admin, tree.region_a, "members.csv", content)
    wait_for(lambda: _status(job, "ready", "invalid"), timeout=60, message="the worker to check the file")

    assert job.status == "invalid"
    assert [(error["row"], error["column"]) for error in job.errors] == [(3, "organisation")]
    assert not member_import.request_commit(admin, job)
    assert not User.objects.filter(email__endswith="@import.example.org").exists()
