"""lms.scope: every organisation-owned model answers "rows under this organisation" and
"rows this person may see" the same way."""

import pytest
from django.http import Http404

from content.models import WebinarRegistration
from lms.models import Enrolment, LearnerProfile, Organisation
from lms.permissions import report_root, requested_organisation, visible_ancestors
from lms.services import enrol

from .factories import UnionTree, UserFactory, administrator, catalogue_page, course, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return UnionTree.build()


def test_organisations_under_a_node_are_its_subtree(tree):
    under_a = set(Organisation.objects.under(tree.region_a))
    assert under_a == {tree.region_a, tree.district_a, tree.school_a, tree.school_a2}
    assert set(Organisation.objects.under(tree.school_b)) == {tree.school_b}


def test_rows_reached_through_a_profile_follow_the_member(tree):
    lesson_course = course(catalogue_page())
    teacher_a, teacher_b = member(tree.school_a), member(tree.school_b)
    mine, theirs = enrol(teacher_a, lesson_course), enrol(teacher_b, lesson_course)
    assert list(Enrolment.objects.under(tree.region_a)) == [mine]
    assert list(Enrolment.objects.under(tree.region_b)) == [theirs]
    assert set(LearnerProfile.objects.under(tree.district_a)) == {teacher_a.profile}
    assert set(Enrolment.objects.under(tree.root)) == {mine, theirs}


def test_visible_to_is_a_subtree_for_an_administrator_all_for_a_superuser_none_for_others(tree):
    lesson_course = course(catalogue_page())
    mine, theirs = enrol(member(tree.school_a), lesson_course), enrol(member(tree.school_b), lesson_course)
    admin_a = administrator(tree.region_a)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    learner = member(tree.school_a)
    assert list(Enrolment.objects.visible_to(admin_a)) == [mine]
    assert set(Enrolment.objects.visible_to(superuser)) == {mine, theirs}
    assert list(Enrolment.objects.visible_to(learner)) == []
    assert not Organisation.objects.visible_to(learner).exists()
    assert not WebinarRegistration.objects.visible_to(learner).exists()


def test_an_inactive_superuser_sees_nothing(tree):
    former = UserFactory(is_superuser=True, is_staff=True, is_active=False)
    assert not Organisation.objects.visible_to(former).exists()
    assert report_root(former) is None


def test_requested_organisation_finds_only_the_administrators_subtree(rf, tree):
    request = rf.get("/", {"org": tree.school_b.pk})
    request.user = administrator(tree.region_a)
    request.report_root = report_root(request.user)
    with pytest.raises(Http404):
        requested_organisation(request)
    request = rf.get("/", {"org": tree.school_a.pk})
    request.user, request.report_root = administrator(tree.region_a), tree.region_a
    assert requested_organisation(request) == tree.school_a


def test_breadcrumbs_stop_at_the_administrators_own_organisation(tree):
    assert visible_ancestors(administrator(tree.region_a), tree.school_a) == [tree.region_a, tree.district_a]
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert visible_ancestors(superuser, tree.school_a) == [tree.root, tree.region_a, tree.district_a]
    assert visible_ancestors(member(tree.school_a), tree.school_a) == []
