"""Search on PostgreSQL full-text search: Russian through the 'russian' configuration,
Kazakh through the stems of content/kazakh.py, on the same database backend."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from wagtail.search.backends import get_search_backend

from content import services
from content.models import Access
from lms.roles import Role
from tests.content.factories import library_page, material, webinar, webinar_list_page, with_role
from tests.lms.factories import catalogue_page, course

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def library(db):
    return library_page()


def found(user, query):
    return list(services.library_materials(user, query=query, sort=services.SORT_RELEVANCE))


def test_search_runs_on_postgresql_full_text_search_with_the_russian_configuration():
    backend = get_search_backend()

    assert connection.vendor == "postgresql"
    assert type(backend).__name__ == "PostgresSearchBackend"
    assert backend.config == "russian"


def test_a_russian_word_is_found_in_its_inflected_forms(library):
    rights = material(library, title="Права учителей", text="Профсоюз защищает учителя в трудовом споре.")

    for query in ["учитель", "учителям", "учителями", "трудовые споры", "учителей трудовых споров"]:
        assert rights in found(AnonymousUser(), query), query


def test_a_kazakh_word_is_found_in_its_inflected_forms(library):
    rights = material(library, title="Ұсынымдар", language="kk",
                      text="Кәсіподақ мұғалімдердің еңбек құқықтарын қорғайды.")
    for query in ["мұғалім", "мұғалімге", "мұғалімнің", "кәсіподағы", "еңбегі", "құқығы мұғалімдерге"]:
        assert rights in found(AnonymousUser(), query), query


def test_relevance_puts_the_title_match_first(library):
    in_body = material(library, title="Памятка", text="Немного о согласительной комиссии.")
    in_title = material(library, title="Согласительная комиссия: порядок работы")
    hits = found(AnonymousUser(), "согласительные комиссии")

    results = [page for page in hits if page in (in_body, in_title)]

    assert results == [in_title, in_body]


def test_members_only_materials_stay_hidden_from_anonymous_search(library):
    public = material(library, title="Коллективные договоры школ")
    private = material(library, title="Коллективный договор: разбор", access=Access.MEMBERS)

    anonymous_hits = found(AnonymousUser(), "коллективного договора")
    member_hits = found(with_role(Role.MEMBER), "коллективного договора")

    assert public in anonymous_hits and private not in anonymous_hits
    assert public in member_hits and private in member_hits


def test_site_search_finds_a_course_and_a_webinar_by_an_inflected_russian_word(client, library):
    catalogue = catalogue_page()
    lesson_course = course(catalogue, title="Коллективные договоры в школах")
    session = webinar(webinar_list_page(), title="Вебинар о коллективном договоре")

    results = client.get("/search/", {"q": "коллективного договора"}).context["results"]

    assert lesson_course in results.courses.items
    assert session in results.webinars.items

