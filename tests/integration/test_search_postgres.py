"""Search on PostgreSQL full-text search: Russian through the 'russian' configuration and
the stems of lms/search/, Kazakh through those stems, words by their beginning through the
prefix queries of lms/search/backends/, on the same database backend."""

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



def test_a_word_finds_the_words_it_begins_in_courses_materials_and_webinars(client, library):
    catalogue = catalogue_page()
    kk = course(catalogue, title="Техникалық инспекторларға арналған еңбекті қорғау", language="kk")
    ru = course(catalogue, title="Охрана труда для технических инспекторов")
    guide = material(library, title="Памятка инспектору труда")
    session = webinar(webinar_list_page(), title="Инспекторлар үшін вебинар", language="kk")
    teachers = course(catalogue, title="Права учителя")

    def found(query):
        results = client.get("/search/", {"q": query}).context["results"]
        return set(results.courses.items), results.materials.items, results.webinars.items

    assert found("инспектор") == ({kk, ru}, [guide], [session])
    assert found("техн")[0] == {kk, ru}
    assert found("учителей")[0] == {teachers}
    assert found("про") == (set(), [], [])


def test_the_catalogue_lists_a_course_once_in_the_learners_language(client):
    catalogue = catalogue_page()
    kk = course(catalogue, title="Техникалық инспекторларға арналған", language="kk",
                same_course_key="inspectors")
    ru = course(catalogue, title="Для технических инспекторов", language="ru",
                same_course_key="inspectors")

    def listed(language, **params):
        response = client.get(catalogue.url, params, HTTP_ACCEPT_LANGUAGE=language)
        return list(response.context["listing"])

    assert listed("kk") == [kk]
    assert listed("kk", q="инспектор") == [kk]
    assert listed("ru", q="инспекторов") == [ru]
    assert listed("kk", q="технических") == [ru]  # only the Russian copy has it


def test_the_catalogue_puts_the_best_match_first_among_equals(client):
    catalogue = catalogue_page()
    in_summary = course(catalogue, title="Аа: охрана труда", summary="Для инспекторов труда.")
    in_title = course(catalogue, title="Яя: инспектор труда", summary="Памятка.")

    assert list(client.get(catalogue.url, {"q": "инспектор"}).context["listing"]) == [in_title, in_summary]
    assert list(client.get(catalogue.url).context["listing"]) == [in_summary, in_title]
