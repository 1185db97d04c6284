import pytest
from django.urls import reverse

from demo.union import build_union_tree
from lms.models import LearnerCategory
from tests.lms.factories import member


def test_member_walks_down_the_tree_and_picks_their_school(client, union):
    user = member(None)
    client.force_login(user)

    regions = client.get(reverse("lms:choose_organisation")).context["children"]
    districts = client.get(
        reverse("lms:choose_organisation"), {"parent": union.region_a.pk}
    ).context["children"]
    schools = client.get(
        reverse("lms:choose_organisation"), {"parent": union.district_a.pk}
    ).context["children"]
    response = client.post(reverse("lms:choose_organisation"), {"organisation": union.school_a2.pk})

    assert list(regions) == [union.region_a, union.region_b]
    assert list(districts) == [union.district_a]
    assert list(schools) == [union.school_a, union.school_a2]
    assert response.url == reverse("lms:profile")
    user.profile.refresh_from_db()
    assert user.profile.organisation == union.school_a2


def test_organisation_search_matches_russian_and_kazakh_names(client, union):
    client.force_login(member(None))

    by_kk = client.get(reverse("lms:choose_organisation"),
                       {"parent": union.district_a.pk, "q": "мектеп"}).context["children"]
    by_ru = client.get(reverse("lms:choose_organisation"),
                       {"parent": union.district_a.pk, "q": "№ 2"}).context["children"]

    assert list(by_kk) == [union.school_a, union.school_a2]
    assert list(by_ru) == [union.school_a2]


def test_committees_are_rows_to_open_and_only_schools_can_be_chosen(client, union):
    client.force_login(member(union.school_a))

    districts = client.get(reverse("lms:choose_organisation"), {"parent": union.region_a.pk})
    schools = client.get(reverse("lms:choose_organisation"), {"parent": union.district_a.pk})

    districts, schools = districts.content.decode(), schools.content.decode()
    assert 'name="organisation"' not in districts
    assert f'<a class="org-row" href="?parent={union.district_a.pk}">' in districts
    # Her own school is marked as hers; the other one has the button that chooses it.
    assert f'name="organisation" value="{union.school_a.pk}"' not in schools
    assert f'name="organisation" value="{union.school_a2.pk}"' in schools
    assert schools.count('<button type="submit" class="secondary">') == 1


def test_unknown_organisation_is_not_found(client, union):
    client.force_login(member(None))

    assert client.post(reverse("lms:choose_organisation"), {"organisation": 999_999}).status_code == 404


def test_profile_form_saves_and_names_the_bad_field(client, union):
    user = member(union.school_a)
    client.force_login(user)
    data = {"last_name": "Иванова", "first_name": "Ольга", "category": LearnerCategory.ACCOUNTANT,
            "position": "бухгалтер", "phone": "+7 701 000 00 00", "language": "ru"}

    bad = client.post(reverse("lms:profile"), {**data, "category": "astronaut"})
    good = client.post(reverse("lms:profile"), data)

    assert "category" in bad.context["profile_form"].errors
    assert good.status_code == 302
    user.refresh_from_db()
    # The category is a claim until an administrator confirms it.
    assert (user.last_name, user.profile.category, user.profile.claimed_category,
            user.profile.position) == (
        "Иванова", LearnerCategory.MEMBER, LearnerCategory.ACCOUNTANT, "бухгалтер")


def test_pages_need_a_login(client, union):
    for name in ("lms:profile", "lms:choose_organisation", "lms:my_organisations"):
        assert client.get(reverse(name)).url.startswith(reverse("account_login"))


@pytest.mark.parametrize("bigger", [False, True])
@pytest.mark.parametrize("url", ["lms:profile", "lms:choose_organisation"])
def test_learner_pages_query_count_does_not_grow_with_the_union(
    client, union, django_assert_max_num_queries, bigger, url
):
    if bigger:
        build_union_tree()
    client.force_login(member(union.school_a))

    with django_assert_max_num_queries(9):
        assert client.get(reverse(url), {"parent": union.district_a.pk}).status_code == 200
