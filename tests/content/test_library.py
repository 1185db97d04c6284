import pytest
from django.urls import reverse

from content import services
from content.models import Access, MaterialKind, MaterialUsage
from lms.models import Audience, LearnerCategory, Topic
from lms.roles import Role
from tests.content.factories import document, library_page, material, with_role
from tests.lms.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    return library_page()


@pytest.fixture
def shelves(library):
    """One material for everyone, one for signed-in members, one for trainers only."""
    return {
        "public": material(library, title="Памятка для всех", document=document("all.pdf")),
        "members": material(library, title="Только для членов профсоюза", access=Access.MEMBERS,
                            document=document("members.pdf")),
        "trainers": material(library, title="Только для тренеров", access=Access.ROLE,
                             access_role=Role.TRAINER, document=document("trainers.pdf")),
    }


def listed(client, library, **params):
    return list(client.get(library.url, params).context["listing"])


# --- Who sees what ----------------------------------------------------------------------


def test_anonymous_visitor_sees_only_public_materials_in_the_list(client, library, shelves):
    assert listed(client, library) == [shelves["public"]]


def test_member_sees_members_materials_but_not_another_roles(client, library, shelves, union):
    client.force_login(member(union.school_a))

    assert set(listed(client, library)) == {shelves["public"], shelves["members"]}


def test_trainer_sees_every_material(client, library, shelves):
    client.force_login(with_role(Role.TRAINER))

    assert set(listed(client, library)) == set(shelves.values())


def test_members_only_material_page_sends_anonymous_visitor_to_log_in(client, shelves):
    response = client.get(shelves["members"].url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_role_material_page_is_refused_to_a_member_of_another_role(client, shelves, union):
    client.force_login(member(union.school_a))

    response = client.get(shelves["trainers"].url)

    assert response.status_code == 403
    assert "Только для тренеров" not in response.content.decode()


def test_members_only_file_url_is_refused_to_anonymous_and_served_to_a_member(client, shelves, union):
    file_url = shelves["members"].document.url

    anonymous = client.get(file_url)
    client.force_login(member(union.school_a))
    signed_in = client.get(file_url)

    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("account_login"))
    assert signed_in.status_code == 200
    assert b"".join(signed_in.streaming_content).startswith(b"%PDF")


def test_role_file_url_is_refused_to_another_role_and_its_download_link_too(client, shelves, union):
    client.force_login(member(union.school_a))

    # The file's address tells those refused nothing about it (content.services.documents).
    assert client.get(shelves["trainers"].document.url).status_code == 404
    assert client.get(reverse("content:download", args=[shelves["trainers"].pk])).status_code == 403


def test_file_of_a_draft_material_is_not_served_to_the_public(client, library, union):
    draft = material(library, document=document("draft.pdf"))
    draft.unpublish()

    # Signing in would not help a member: nobody but editors may have it.
    assert client.get(draft.document.url).status_code == 404
    client.force_login(member(union.school_a))
    assert client.get(draft.document.url).status_code == 404
    client.force_login(with_role(Role.TRAINER))
    assert client.get(draft.document.url).status_code == 200


def test_public_material_file_is_served_to_anyone(client, shelves):
    assert client.get(shelves["public"].document.url).status_code == 200


def test_raw_media_url_of_a_document_is_never_served(client, shelves, settings):
    path = settings.MEDIA_URL + shelves["public"].document.file.name

    assert client.get(path).status_code == 404


# --- Filters, search and order ------------------------------------------------------------


def test_library_filters_by_kind_topic_category_level_and_language(client, library):
    law = Topic.objects.create(slug="labour-law", name_ru="Трудовое право", name_kk="Еңбек құқығы")
    chairs = Audience.objects.get(category=LearnerCategory.PRIMARY_CHAIR)
    case = material(library, kind=MaterialKind.CASE_STUDY, topics=[law], language="ru", level="basic")
    video = material(library, kind=MaterialKind.VIDEO_LECTURE, audiences=[chairs], language="kk",
                     level="advanced")

    assert listed(client, library, kind="case_study") == [case]
    assert listed(client, library, topic="labour-law") == [case]
    assert listed(client, library, category=LearnerCategory.PRIMARY_CHAIR) == [video]
    assert listed(client, library, level="advanced") == [video]
    assert listed(client, library, language="ru") == [case]
    assert set(listed(client, library, kind="no-such-kind")) == {case, video}


def test_library_search_matches_words_and_hides_members_only_hits(client, library):
    public = material(library, title="Коллективный договор школы")
    hidden = material(library, title="Коллективный договор: закрытый разбор", access=Access.MEMBERS)

    assert listed(client, library, q="договор") == [public]
    client.force_login(with_role(Role.MEMBER))
    assert set(listed(client, library, q="договор")) == {public, hidden}


def test_library_sorts_by_newest_or_most_used(client, library):
    older = material(library, title="Старый")
    newer = material(library, title="Новый")
    services.record_use(older, views=5, downloads=2)
    services.record_use(newer, views=1)

    assert listed(client, library) == [newer, older]
    assert listed(client, library, sort="popular") == [older, newer]


# --- Counting ---------------------------------------------------------------------------------


def test_opening_and_downloading_a_material_are_counted(client, shelves):
    public = shelves["public"]

    client.get(public.url)
    client.get(public.url)
    response = client.get(reverse("content:download", args=[public.pk]))

    assert response.status_code == 302 and response.url == public.document.url
    usage = MaterialUsage.objects.get(page=public)
    assert (usage.views, usage.downloads) == (2, 1)


def test_counting_is_an_update_in_the_database_not_a_rewrite_of_a_stale_value(shelves):
    public = shelves["public"]
    services.record_use(public, views=1)
    stale = MaterialUsage.objects.get(page=public)

    services.record_use(public, views=1)
    services.record_use(public, downloads=1)
    stale.refresh_from_db()

    assert (stale.views, stale.downloads) == (2, 1)


def test_a_refused_visitor_is_not_counted(client, shelves):
    client.get(shelves["members"].url)

    assert not MaterialUsage.objects.filter(page=shelves["members"]).exists()


def test_publishing_a_new_revision_keeps_the_counts(shelves):
    public = shelves["public"]
    services.record_use(public, views=3)

    public.title = "Памятка, исправленная"
    public.save_revision().publish()

    assert MaterialUsage.objects.get(page=public).views == 3


# --- Query budgets ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [2, 40])
def test_library_list_and_material_page_run_a_bounded_number_of_queries(
    client, library, union, django_assert_max_num_queries, size
):
    law = Topic.objects.create(slug="labour-law", name_ru="Трудовое право", name_kk="Еңбек құқығы")
    items = [material(library, topics=[law], document=document(f"f{n}.pdf"),
                      access=Access.MEMBERS if n % 2 else Access.PUBLIC) for n in range(size)]
    for item in items:
        services.record_use(item, views=1)
    client.force_login(member(union.school_a))
    listing, page, file = library.url, items[-1].url, items[-1].document.url

    for params in [{}, {"q": "Материал"}, {"sort": "popular", "topic": "labour-law"}]:
        with django_assert_max_num_queries(15):
            assert client.get(listing, params).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(page).status_code == 200
    with django_assert_max_num_queries(7):
        assert client.get(file).status_code == 200
