"""Members choose a primary organisation only, and the category the union's coverage
table counts is set or confirmed by an administrator of the member's subtree; what a
member claims is pending until then."""

import pytest
from django.urls import reverse

from lms.models import LearnerCategory
from tests.lms.factories import administrator, member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.mark.parametrize("node", ["root", "region_a", "district_a", "region_b"])
def test_a_member_cannot_place_themselves_above_a_primary_organisation(client, union, node):
    learner = member(union.school_a)
    client.force_login(learner)

    response = client.post(reverse("lms:choose_organisation"),
                           {"organisation": getattr(union, node).pk}, follow=True)

    learner.profile.refresh_from_db()
    assert learner.profile.organisation == union.school_a
    assert "members belong to a primary organisation" in response.content.decode()


def test_a_member_may_move_to_another_primary_organisation(client, union):
    learner = member(union.school_a)
    client.force_login(learner)

    client.post(reverse("lms:choose_organisation"), {"organisation": union.school_b.pk})

    learner.profile.refresh_from_db()
    assert learner.profile.organisation == union.school_b


def test_the_chooser_offers_no_committee_as_ones_own(client, union):
    client.force_login(member(union.school_a))

    page = client.get(reverse("lms:choose_organisation"), {"parent": union.district_a.pk})

    assert f'name="organisation" value="{union.district_a.pk}"' not in page.content.decode()


def test_a_claimed_category_is_pending_and_not_counted(client, union):
    learner = member(union.school_a)
    client.force_login(learner)

    client.post(reverse("lms:profile"), {
        "last_name": "Иванова", "first_name": "Ольга", "category": LearnerCategory.PRIMARY_CHAIR,
        "position": "", "phone": "", "language": "en"})
    page = client.get(reverse("lms:profile"))

    learner.profile.refresh_from_db()
    assert learner.profile.category == LearnerCategory.MEMBER
    assert learner.profile.claimed_category == LearnerCategory.PRIMARY_CHAIR
    assert "Awaiting confirmation" in page.content.decode()


def test_the_administrator_of_the_subtree_confirms_a_claim(client, union):
    learner = member(union.school_a)
    learner.profile.claimed_category = LearnerCategory.PRIMARY_CHAIR
    learner.profile.save()
    client.force_login(administrator(union.district_a))

    listing = client.get(reverse("lms:category_claims"))
    client.post(reverse("lms:category_claims"),
                {"profile": learner.profile.pk, "category": LearnerCategory.PRIMARY_CHAIR})

    assert learner.get_full_name() in listing.content.decode()
    learner.profile.refresh_from_db()
    assert (learner.profile.category, learner.profile.claimed_category) == (
        LearnerCategory.PRIMARY_CHAIR, "")


def test_turning_a_claim_down_keeps_the_counted_category(client, union):
    learner = member(union.school_a, category=LearnerCategory.ACTIVIST)
    learner.profile.claimed_category = LearnerCategory.PRIMARY_CHAIR
    learner.profile.save()
    client.force_login(administrator(union.region_a))

    client.post(reverse("lms:category_claims"), {"profile": learner.profile.pk, "category": ""})

    learner.profile.refresh_from_db()
    assert (learner.profile.category, learner.profile.claimed_category) == (
        LearnerCategory.ACTIVIST, "")


def test_another_regions_administrator_neither_sees_nor_settles_a_claim(client, union):
    learner = member(union.school_a)
    learner.profile.claimed_category = LearnerCategory.PRIMARY_CHAIR
    learner.profile.save()
    client.force_login(administrator(union.region_b))

    listing = client.get(reverse("lms:category_claims"))
    forged = client.post(reverse("lms:category_claims"),
                         {"profile": learner.profile.pk, "category": LearnerCategory.PRIMARY_CHAIR})

    assert learner.get_full_name() not in listing.content.decode()
    assert forged.status_code == 404
    learner.profile.refresh_from_db()
    assert learner.profile.category == LearnerCategory.MEMBER


def test_members_cannot_reach_the_confirmations(client, union):
    learner = member(union.school_a)
    client.force_login(member(union.school_a))

    assert client.get(reverse("lms:category_claims")).status_code == 404
    assert client.post(reverse("lms:category_claims"),
                       {"profile": learner.profile.pk, "category": "primary_chair"}).status_code == 404



def test_the_chair_of_a_primary_organisation_settles_her_members_claims(client, union):
    chair = member(union.school_a, category=LearnerCategory.PRIMARY_CHAIR)
    learner = member(union.school_a)
    learner.profile.claimed_category = LearnerCategory.AUDIT_COMMISSION
    learner.profile.save()
    client.force_login(chair)

    listing = client.get(reverse("lms:category_claims"))
    client.post(reverse("lms:category_claims"),
                {"profile": learner.profile.pk, "category": LearnerCategory.AUDIT_COMMISSION})

    assert learner.get_full_name() in listing.content.decode()
    learner.profile.refresh_from_db()
    assert learner.profile.category == LearnerCategory.AUDIT_COMMISSION


def test_a_chair_makes_no_chairs_and_does_not_settle_her_own_category(client, union):
    chair = member(union.school_a, category=LearnerCategory.PRIMARY_CHAIR)
    chair.profile.claimed_category = LearnerCategory.DISTRICT_CHAIR
    chair.profile.save()
    learner = member(union.school_a)
    learner.profile.claimed_category = LearnerCategory.PRIMARY_CHAIR
    learner.profile.save()
    client.force_login(chair)

    client.post(reverse("lms:category_claims"),
                {"profile": learner.profile.pk, "category": LearnerCategory.PRIMARY_CHAIR})
    client.post(reverse("lms:category_claims"),
                {"profile": chair.profile.pk, "category": LearnerCategory.DISTRICT_CHAIR})

    learner.profile.refresh_from_db()
    chair.profile.refresh_from_db()
    assert learner.profile.category == LearnerCategory.MEMBER
    assert chair.profile.category == LearnerCategory.PRIMARY_CHAIR


def test_another_schools_chair_and_an_unconfirmed_chair_reach_nothing(client, union):
    learner = member(union.school_a)
    learner.profile.claimed_category = LearnerCategory.ACTIVIST
    learner.profile.save()
    other_chair = member(union.school_a2, category=LearnerCategory.PRIMARY_CHAIR)
    self_styled = member(union.school_a)
    self_styled.profile.claimed_category = LearnerCategory.PRIMARY_CHAIR
    self_styled.profile.save()

    for user in (other_chair, self_styled):
        client.force_login(user)
        forged = client.post(reverse("lms:category_claims"),
                             {"profile": learner.profile.pk, "category": LearnerCategory.ACTIVIST})
        assert forged.status_code == 404
    learner.profile.refresh_from_db()
    assert learner.profile.category == LearnerCategory.MEMBER


def test_the_chairs_profile_leads_to_the_claims(client, union):
    chair = member(union.school_a, category=LearnerCategory.PRIMARY_CHAIR)
    learner = member(union.school_a)
    learner.profile.claimed_category = LearnerCategory.ACTIVIST
    learner.profile.save()
    client.force_login(chair)

    page = client.get(reverse("lms:profile")).content.decode()

    assert reverse("lms:category_claims") in page and "Categories to confirm (1)" in page
