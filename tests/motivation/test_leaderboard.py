import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from lms import services as lms_services
from lms.models import LearnerCategory as C
from lms.models import OrganisationKind
from motivation.services.leaderboard import leaderboard
from tests.lms.factories import administrator, course, member
from tests.reports.factories import attend, attended_webinar, completed, training_event

from .factories import almaty, past_webinar

pytestmark = pytest.mark.django_db

NOW = almaty(2026, 6, 15)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def schools(union, catalogue, webinars):
    """Region A: school A with 10 members (3 trained this year: 30%), school A2 with 40 (4
    trained: 10%), a kindergarten with 20 (2 trained: 10%) and a new school with no members
    counted. Region B: school B with 100 (1 trained)."""
    union.school_a.member_count, union.school_a2.member_count = 10, 40
    for school in (union.school_a, union.school_a2):
        school.save(update_fields=["member_count"])
    kindergarten = lms_services.add_organisation(
        union.district_a,
        kind=OrganisationKind.PRIMARY_ORGANISATION,
        name_ru="Ясли-сад «Балапан»",
        name_kk="«Балапан» бөбекжай-бақшасы",
        member_count=20,
    )
    empty = lms_services.add_organisation(
        union.district_a,
        kind=OrganisationKind.PRIMARY_ORGANISATION,
        name_ru="Новая школа",
        name_kk="Жаңа мектеп",
        member_count=0,
    )
    page = course(catalogue, modules=1, lessons=1)
    second_page = course(catalogue, modules=1, lessons=1)
    seminar = training_event(union.district_a, datetime.date(2026, 3, 3))
    old_seminar = training_event(union.district_a, datetime.date(2025, 3, 3))
    a_webinar = past_webinar(webinars, almaty(2026, 2, 2))

    def trained(school, how):
        person = member(school, C.MEMBER)
        how(person)
        return person

    twice = trained(union.school_a, lambda p: completed(p, page, almaty(2026, 1, 10)))
    completed(twice, second_page, almaty(2026, 2, 10))  # two courses: counted once
    attend(seminar, twice)
    trained(union.school_a, lambda p: attend(seminar, p))
    trained(union.school_a, lambda p: attended_webinar(p, a_webinar, almaty(2026, 2, 2)))
    for _ in range(4):
        trained(union.school_a2, lambda p: completed(p, page, almaty(2026, 5, 5)))
    trained(union.school_a2, lambda p: attend(old_seminar, p))  # last year: not counted
    trained(union.school_a2, lambda p: completed(p, second_page, almaty(2025, 12, 31, 23)))  # 2025 either
    for _ in range(2):
        trained(kindergarten, lambda p: attend(seminar, p))
    trained(union.school_b, lambda p: attend(seminar, p))
    return {"kindergarten": kindergarten, "empty": empty}


def test_primary_organisations_are_ranked_by_the_share_of_members_trained_this_year(union, schools):
    board = leaderboard(union.region_a, 2026)
    ranked = [(row.place, row.name, row.trained, row.members, row.share) for row in board.rows]
    assert ranked == [
        (1, union.school_a.name_ru, 3, 10, 30.0),
        (2, union.school_a2.name_ru, 4, 40, 10.0),  # equal shares share a place
        (2, "Ясли-сад «Балапан»", 2, 20, 10.0),
        (4, "Новая школа", 0, 0, None),  # no members counted: last
    ]
    assert board.total == 4


def test_the_whole_union_ranks_every_primary_organisation(union, schools):
    board = leaderboard(union.root, 2026)
    assert board.total == 6  # four in region A, two in region B
    assert board.rows[0].name == union.school_a.name_ru
    assert [row.name for row in board.rows if row.organisation_id == union.school_b.pk] == [
        union.school_b.name_ru
    ]


def test_a_page_and_the_askers_own_organisation_come_from_one_query(
    union, schools, django_assert_num_queries
):
    with django_assert_num_queries(1):
        board = leaderboard(union.region_a, 2026, offset=0, limit=1, highlight=schools["kindergarten"].pk)
    assert [row.name for row in board.rows] == [union.school_a.name_ru]
    assert (board.mine.place, board.mine.name, board.has_next) == (2, "Ясли-сад «Балапан»", True)


def test_a_member_sees_the_board_of_their_own_region(client, union, schools):
    client.force_login(member(union.school_a2))
    response = client.get(reverse("motivation:leaderboard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert union.school_a.name_ru in page and union.school_b.name_ru not in page
    assert re.search(rf'<li class="mine[^"]*" data-organisation="{union.school_a2.pk}"', page)
    assert client.get(reverse("motivation:leaderboard"), {"org": union.region_b.pk}).status_code == 404
    assert client.get(reverse("motivation:leaderboard"), {"org": union.root.pk}).status_code == 404


def test_a_member_without_an_organisation_has_no_board(client, union):
    client.force_login(member(None))
    assert client.get(reverse("motivation:leaderboard")).status_code == 404


def test_an_administrator_ranks_their_subtree_only(client, union, schools, admin_a):
    client.force_login(admin_a)
    page = client.get(reverse("motivation:leaderboard")).content.decode()
    assert union.school_a.name_ru in page and union.school_b.name_ru not in page
    assert client.get(reverse("motivation:leaderboard"), {"org": union.district_a.pk}).status_code == 200
    assert client.get(reverse("motivation:leaderboard"), {"org": union.region_b.pk}).status_code == 404
    assert client.get(reverse("motivation:leaderboard"), {"org": "999999"}).status_code == 404


@pytest.mark.parametrize("people", [2, 30])
def test_the_leaderboard_page_runs_a_bounded_number_of_queries(
    client, union, catalogue, people, django_assert_max_num_queries
):
    page = course(catalogue, modules=1, lessons=1)
    for number in range(people):
        completed(member(union.school_a if number % 2 else union.school_a2), page, almaty(2026, 3, 1))
    client.force_login(administrator(union.region_a))
    client.get(reverse("motivation:leaderboard"))
    with django_assert_max_num_queries(9):
        assert client.get(reverse("motivation:leaderboard")).status_code == 200


@pytest.mark.parametrize("language, place", [("kk", "Орын"), ("ru", "Место")])
def test_a_place_on_the_leaderboard_is_a_rank_not_where_an_event_is_held(
    client, union, catalogue, language, place
):
    completed(member(union.school_a), course(catalogue, modules=1, lessons=1), almaty(2026, 3, 1))
    reader = administrator(union.region_a)
    reader.profile.language = language
    reader.profile.save()
    client.force_login(reader)

    page = client.get(reverse("motivation:leaderboard")).content.decode()

    assert f'class="place" aria-label="{place}"' in page
