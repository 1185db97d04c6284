"""Search on SQLite (the embedded default): words match as written, case aside, by their
beginning (four letters or more), and Russian and Kazakh inflected forms match through the
stems of lms/search/. The same on PostgreSQL: tests/integration/test_search_postgres.py."""

import pytest

from content import services
from content.models import Access, MaterialKind
from lms.models import Level
from lms.roles import Role
from lms.search import build_query
from tests.content.factories import library_page, material, webinar, webinar_list_page, with_role
from tests.lms.factories import course

pytestmark = pytest.mark.django_db

SEARCH = "/search/"


@pytest.fixture
def library(db):
    return library_page()


@pytest.fixture
def webinars(db):
    return webinar_list_page()


def found(client, language="en", **params):
    results = client.get(SEARCH, params, HTTP_ACCEPT_LANGUAGE=language).context["results"]
    return {
        "materials": results.materials.items,
        "courses": results.courses.items,
        "webinars": results.webinars.items,
    }


def test_a_word_matches_as_written_whatever_its_case(client, library):
    agreement = material(library, title="Коллективный договор школы")
    material(library, title="Охрана труда")

    assert found(client, q="договор")["materials"] == [agreement]
    assert found(client, q="ДОГОВОР")["materials"] == [agreement]
    assert found(client, q="коллективный договор")["materials"] == [agreement]
    assert found(client, q="коллективный пожар")["materials"] == []


def test_kazakh_inflected_forms_find_each_other_on_sqlite_too(client, library):
    rights = material(library, title="Ұсынымдар", language="kk",
                      text="Кәсіподақ мұғалімдердің еңбек құқықтарын қорғайды.")

    for query in ["мұғалім", "мұғалімге", "мұғалімдердің", "кәсіподағы", "құқығы"]:
        assert found(client, q=query)["materials"] == [rights], query


def test_russian_inflected_forms_find_each_other_on_sqlite(client, library, webinars, catalogue):
    rights = material(library, title="Права учителей", text="Профсоюз защищает учителя.")
    lesson_course = course(catalogue, title="Учитель и трудовой договор")
    session = webinar(webinars, title="Вебинар для учителей")

    for query in ["учитель", "учителей", "учителям", "Учителями"]:
        assert found(client, q=query) == {
            "materials": [rights], "courses": [lesson_course], "webinars": [session]
        }, query


def test_courses_and_webinars_are_found_by_kazakh_forms_like_materials(client, webinars, catalogue):
    lesson_course = course(catalogue, title="Мұғалімдердің құқықтары", language="kk")
    session = webinar(webinars, title="Мұғалімге кеңес", language="kk")

    for query in ["мұғалім", "мұғалімге", "мұғалімдердің"]:
        results = found(client, q=query)
        assert (results["courses"], results["webinars"]) == ([lesson_course], [session]), query


def test_a_word_of_four_letters_or_more_finds_the_words_it_begins(client, library, webinars, catalogue):
    kk_course = course(catalogue, title="Техникалық инспекторларға арналған еңбекті қорғау", language="kk")
    ru_course = course(catalogue, title="Охрана труда для технических инспекторов")
    guide = material(library, title="Памятка инспектору труда")
    session = webinar(webinars, title="Инспекторлар үшін вебинар", language="kk")
    union = material(library, title="Профсоюзная работа")

    results = found(client, q="инспектор")

    assert set(results["courses"]) == {kk_course, ru_course}
    assert results["materials"] == [guide]
    assert results["webinars"] == [session]
    assert found(client, q="проф")["materials"] == [union]
    assert found(client, q="про")["materials"] == []  # three letters: the word itself only


def test_unpublished_pages_are_never_found(client, library, webinars, catalogue):
    course(catalogue, title="Инспекторлар: черновик").unpublish()
    material(library, title="Инспекторлар: черновик").unpublish()
    webinar(webinars, title="Инспекторлар: черновик").unpublish()

    assert found(client, q="инспектор") == {"materials": [], "courses": [], "webinars": []}


def test_a_course_in_two_languages_is_found_once_in_the_readers_language(client, catalogue):
    kk = course(catalogue, title="Техникалық инспекторларға арналған", language="kk",
                same_course_key="inspectors")
    ru = course(catalogue, title="Для технических инспекторов", language="ru",
                same_course_key="inspectors")

    assert found(client, language="kk", q="инспектор")["courses"] == [kk]
    assert found(client, language="ru", q="инспектор")["courses"] == [ru]
    # Only the Russian copy has the word: it is found whatever the reader's language.
    assert found(client, language="kk", q="технических")["courses"] == [ru]


def test_search_finds_materials_courses_and_webinars_together(client, library, webinars, catalogue):
    guide = material(library, title="Пособие: согласительная комиссия")
    lesson_course = course(catalogue, title="Согласительная комиссия в школе")
    session = webinar(webinars, title="Согласительная комиссия: практика")

    results = found(client, q="комиссия")

    assert results == {"materials": [guide], "courses": [lesson_course], "webinars": [session]}


def test_kind_filter_picks_one_kind_and_a_level_leaves_out_webinars(client, library, webinars, catalogue):
    case = material(library, title="Комиссия: кейс", kind=MaterialKind.CASE_STUDY, level=Level.ADVANCED)
    material(library, title="Комиссия: пособие", kind=MaterialKind.GUIDE)
    lesson_course = course(catalogue, title="Комиссия", level=Level.ADVANCED)
    session = webinar(webinars, title="Комиссия")

    assert found(client, q="комиссия", kind="case_study") == {
        "materials": [case], "courses": [], "webinars": []
    }
    assert found(client, q="комиссия", kind="course")["courses"] == [lesson_course]
    assert found(client, q="комиссия", kind="webinar")["webinars"] == [session]
    assert found(client, q="комиссия", level="advanced") == {
        "materials": [case], "courses": [lesson_course], "webinars": []
    }


def test_members_only_materials_are_not_found_by_anonymous_visitors(client, library):
    public = material(library, title="Договор: памятка")
    private = material(library, title="Договор: разбор для членов профсоюза", access=Access.MEMBERS)
    for_trainers = material(library, title="Договор: для тренеров", access=Access.ROLE,
                            access_role=Role.TRAINER)

    assert found(client, q="договор")["materials"] == [public]
    client.force_login(with_role(Role.MEMBER))
    assert set(found(client, q="договор")["materials"]) == {public, private}
    client.force_login(with_role(Role.TRAINER))
    assert set(found(client, q="договор")["materials"]) == {public, private, for_trainers}


def test_most_used_order_puts_the_most_opened_material_first(client, library):
    rarely = material(library, title="Договор: редко")
    often = material(library, title="Договор: часто")
    services.record_use(often, views=10)

    assert found(client, q="договор", sort="popular")["materials"] == [often, rarely]


@pytest.mark.parametrize("query", ['"договор', "(((*", "NOT", "-", "  ", "договор'); --"])
def test_odd_queries_neither_fail_nor_find_everything(client, library, query):
    material(library, title="Договор")

    assert client.get(SEARCH, {"q": query}).status_code == 200
    assert client.get(library.url, {"q": query}).status_code == 200


def test_query_without_words_is_no_search(library):
    assert build_query(" -- ") is None


@pytest.mark.parametrize("size", [1, 15])
def test_search_page_runs_a_bounded_number_of_queries(
    client, library, webinars, catalogue, django_assert_max_num_queries, size
):
    for number in range(size):
        material(library, title=f"Договор {number}", access=Access.MEMBERS if number % 2 else Access.PUBLIC)
        course(catalogue, title=f"Договор {number}", modules=1, lessons=1)
        webinar(webinars, title=f"Договор {number}")
    client.force_login(with_role(Role.MEMBER))

    with django_assert_max_num_queries(15):
        assert client.get(SEARCH, {"q": "договор"}).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(SEARCH, {"q": "договор", "sort": "popular", "language": "ru"}).status_code == 200
