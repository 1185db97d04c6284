import pytest
from django.urls import reverse

from lms.permissions import can_view_organisation, visible_organisations
from tests.lms.factories import UserFactory, administrator, member


def test_region_administrator_sees_own_subtree_and_nothing_of_another_region(union):
    admin_a = administrator(union.region_a)

    visible = set(visible_organisations(admin_a))

    assert {union.region_a, union.district_a, union.school_a, union.school_a2} == visible
    for node in (union.root, union.region_b, union.district_b, union.school_b):
        assert not can_view_organisation(admin_a, node)
    assert can_view_organisation(admin_a, union.school_a2)


def test_district_administrator_does_not_see_the_region_above(union):
    admin = administrator(union.district_a)

    assert not can_view_organisation(admin, union.region_a)
    assert can_view_organisation(admin, union.school_a)


def test_member_and_anonymous_see_no_organisation_data(union, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    learner = member(union.school_a)

    assert not visible_organisations(learner).exists()
    assert not can_view_organisation(learner, union.school_a)
    assert not can_view_organisation(AnonymousUser(), union.school_a)


def test_scope_without_the_administrator_role_grants_nothing(union):
    user = member(union.school_a)
    user.profile.administered_organisation = union.region_a
    user.profile.save()

    assert not can_view_organisation(user, union.school_a)


def test_deactivated_administrator_loses_access(union):
    admin_a = administrator(union.region_a)
    admin_a.is_active = False
    admin_a.save()

    assert not can_view_organisation(admin_a, union.school_a)


def test_superuser_sees_every_organisation(union):
    boss = UserFactory(is_superuser=True)

    assert visible_organisations(boss).count() == 9
    assert can_view_organisation(boss, union.school_b)


@pytest.mark.parametrize("node", ["region_b", "district_b", "school_b", "root"])
def test_overview_page_of_another_region_is_not_found(client, union, node):
    client.force_login(administrator(union.region_a))

    response = client.get(reverse("lms:organisation", args=[getattr(union, node).pk]))

    assert response.status_code == 404


def test_overview_page_lists_children_with_learner_counts(client, union):
    member(union.school_a)
    member(union.school_a)
    member(union.school_a2)
    member(union.school_b)
    client.force_login(administrator(union.region_a))

    response = client.get(reverse("lms:organisation", args=[union.region_a.pk]))

    assert response.status_code == 200
    assert response.context["registered_learners"] == 3
    rows = {child.pk: child.learners for child in response.context["children"]}
    assert rows == {union.district_a.pk: 3}
    assert "Костанайская" not in response.content.decode()


def test_organisations_link_takes_an_administrator_to_their_scope(client, union):
    client.force_login(administrator(union.district_b))

    response = client.get(reverse("lms:my_organisations"))

    assert response.url == reverse("lms:organisation", args=[union.district_b.pk])


def test_member_has_no_organisations_page(client, union):
    client.force_login(member(union.school_a))

    assert client.get(reverse("lms:my_organisations")).status_code == 404
    assert client.get(reverse("lms:organisation", args=[union.school_a.pk])).status_code == 404


@pytest.mark.parametrize("bigger", [False, True])
def test_overview_page_query_count_does_not_grow_with_the_subtree(
    client, union, django_assert_max_num_queries, bigger
):
    if bigger:
        for school in (union.school_a, union.school_a2):
            for _ in range(5):
                member(school)
        for n in range(10):
            union.region_a.add_child(kind="district", name_ru=f"Район {n}", name_kk=f"Аудан {n}")
    client.force_login(administrator(union.region_a))

    with django_assert_max_num_queries(12):
        assert client.get(reverse("lms:organisation", args=[union.region_a.pk])).status_code == 200
