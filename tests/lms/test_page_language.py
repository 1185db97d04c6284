"""``{% lang_attr %}``: a title in the other language than the page's carries ``lang``."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from lms.models import CoursePage, LearningPath
from tests.content.factories import webinar, webinar_list_page
from tests.lms.factories import course, member


def render(source, **context):
    return Template(source).render(Context(context))


# Not "page": pytest-playwright would take that name for its browser page. A new page
# looks up its content type, from the database unless another test has cached it.
@pytest.mark.django_db
@pytest.mark.parametrize(("page_language", "text", "expected"), [
    ("kk", "ru", ' lang="ru"'),
    ("ru", "kk", ' lang="kk"'),
    ("en", "ru", ' lang="ru"'),
    ("kk", "kk", ""),
    ("ru", "ru", ""),
])
def test_a_course_title_in_another_language_is_marked(page_language, text, expected):
    with translation.override(page_language):
        assert render("{% lang_attr course %}", course=CoursePage(language=text)) == expected


def test_a_bilingual_name_is_marked_only_where_it_falls_back_to_russian():
    both = LearningPath(title_ru="Новый председатель", title_kk="Жаңа төраға")
    russian_only = LearningPath(title_ru="Новый председатель", title_kk="")

    with translation.override("kk"):
        assert render('{% lang_attr path "title" %}', path=both) == ""
        assert render('{% lang_attr path "title" %}', path=russian_only) == ' lang="ru"'
    with translation.override("ru"):
        assert render('{% lang_attr path "title" %}', path=both) == ""


def test_nothing_is_marked_for_an_item_of_unknown_language():
    assert render("{% lang_attr item %}", item=None) == ""
    assert render("{% lang_attr item %}", item=object()) == ""


def test_the_catalogue_and_my_learning_mark_russian_titles_on_a_kazakh_page(client, catalogue, union):
    russian = course(catalogue, title="Основы профсоюзной работы", language="ru", modules=1, lessons=1)
    kazakh = course(catalogue, title="Кәсіподақ жұмысының негіздері", language="kk", modules=1, lessons=1)
    user = member(union.school_a)
    user.profile.language = "kk"
    user.profile.save()
    client.force_login(user)
    for page in (russian, kazakh):
        client.post(reverse("lms:enrol", args=[page.pk]), HTTP_ACCEPT_LANGUAGE="kk")

    for url in (catalogue.url, reverse("lms:dashboard"), russian.url):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="kk").content.decode()
        assert '<html lang="kk">' in html, url
        assert ' lang="ru">Основы профсоюзной работы<' in html or \
            f' lang="ru"><a href="{russian.url}">Основы профсоюзной работы</a>' in html, url
        assert ' lang="ru">Кәсіподақ' not in html and ' lang="kk">Кәсіподақ' not in html, url


def test_a_russian_courses_texts_on_a_kazakh_page_say_they_are_russian(client, catalogue, union):
    russian = course(catalogue, title="Основы профсоюзной работы", language="ru", modules=1, lessons=1,
                     summary="Вводный курс для членов профсоюза.")
    user = member(union.school_a)
    user.profile.language = "kk"
    user.profile.save()
    client.force_login(user)
    client.post(reverse("lms:enrol", args=[russian.pk]))
    lesson = russian.lessons().get()

    course_page = client.get(russian.url).content.decode()
    lesson_page = client.get(lesson.url).content.decode()

    assert '<p lang="ru">Вводный курс для членов профсоюза.</p>' in course_page
    assert '<h3 lang="ru">Модуль 1</h3>' in course_page
    assert f'<a href="{lesson.url}" lang="ru">Урок 1.1</a>' in course_page
    assert '<article class="lesson-body" lang="ru">' in lesson_page
    assert f'<a href="{russian.url}" lang="ru">Основы профсоюзной работы</a>' in lesson_page


def test_a_kazakh_webinars_speaker_line_on_a_russian_page_says_it_is_kazakh(client, union):
    index = webinar_list_page()
    kazakh = webinar(index, title="Ұжымдық шарт", speaker="Марина Ким, әдіскер", language="kk")
    client.force_login(member(union.school_a))  # a Russian-speaking member

    for url in (index.url, kazakh.url):
        assert '<span lang="kk">Марина Ким, әдіскер</span>' in client.get(url).content.decode(), url
