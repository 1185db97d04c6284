"""The member-import preview and its result tell an administrator nothing about accounts
outside their subtree: another region's member and platform staff read exactly as an
address nobody uses, and committing leaves those accounts untouched."""

import pytest

from lms.models import LearnerCategory, User
from reports.services import member_import
from tests.lms.factories import UserFactory, administrator, member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _csv(*emails, school):
    rows = [f"Иванова Светлана,{email},{school.pk},activist," for email in emails]
    return "\n".join(["name,email,organisation,category,position", *rows]).encode()


def _run(admin, union, content, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = member_import.start_import(admin, union.region_a, "members.csv", content)
    job.refresh_from_db()
    return job


def _shown(job):
    return (job.status, job.total, job.new, job.updated, job.unchanged, job.errors)


@pytest.mark.parametrize("who", ["another region's member", "platform staff", "superuser"])
def test_a_foreign_account_reads_like_an_unknown_address(union, django_capture_on_commit_callbacks,
                                                         who):
    admin = administrator(union.region_a)
    kwargs = {"another region's member": {}, "platform staff": {"is_staff": True},
              "superuser": {"is_superuser": True, "is_staff": True}}[who]
    foreign = member(union.school_b, email="known@example.org", **kwargs)
    if who != "another region's member":
        foreign.profile.organisation = union.school_a
        foreign.profile.save()

    with_foreign = _run(admin, union, _csv("known@example.org", school=union.school_a),
                        django_capture_on_commit_callbacks)
    with_unknown = _run(admin, union, _csv("nobody-uses-this@example.org", school=union.school_a),
                        django_capture_on_commit_callbacks)

    assert _shown(with_foreign) == _shown(with_unknown) == ("ready", 1, 1, 0, 0, [])


def test_committing_leaves_a_foreign_account_untouched_and_creates_no_double(
        union, django_capture_on_commit_callbacks):
    admin = administrator(union.region_a)
    foreign = member(union.school_b, email="known@example.org", first_name="Ольга")
    job = _run(admin, union, _csv("known@example.org", "fresh@example.org", school=union.school_a),
               django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        assert member_import.request_commit(admin, job)
    job.refresh_from_db()

    assert (job.status, job.new, job.updated) == ("done", 2, 0)
    foreign.refresh_from_db()
    foreign.profile.refresh_from_db()
    assert (foreign.first_name, foreign.profile.organisation, foreign.profile.category) == (
        "Ольга", union.school_b, LearnerCategory.MEMBER)
    assert User.objects.filter(email__iexact="known@example.org").count() == 1
    assert User.objects.filter(email="fresh@example.org").exists()


def test_an_account_without_an_organisation_may_still_be_claimed(
        union, django_capture_on_commit_callbacks):
    admin = administrator(union.region_a)
    UserFactory(email="loose@example.org")

    job = _run(admin, union, _csv("loose@example.org", school=union.school_a),
               django_capture_on_commit_callbacks)

    assert (job.status, job.new, job.updated) == ("ready", 0, 1)
