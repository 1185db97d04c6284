"""The embedded default shows the site's own error pages in the visitor's language, never
Django's debug pages (every URL pattern on a 404, a traceback on a 500)."""

import pytest
from django.test import Client
from django.urls import path
from django.utils import translation
from django.views.defaults import server_error

from lms import urls as project_urls

pytestmark = pytest.mark.django_db

NOT_FOUND = {"kk": "Бет табылмады", "ru": "Страница не найдена", "en": "Page not found"}
SERVER_ERROR = {"kk": "Бірдеңе дұрыс болмады", "ru": "Что-то пошло не так",
                "en": "Something went wrong"}


def _broken(request):
    raise RuntimeError("secret detail of the failure")


urlpatterns = [path("broken/", _broken), *project_urls.urlpatterns]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_an_unknown_address_gets_the_site_404_in_the_visitors_language(client, language):
    client.cookies["django_language"] = language

    response = client.get("/no-such-page/at-all/")

    text = response.content.decode()
    assert response.status_code == 404
    assert NOT_FOUND[language] in text and f'lang="{language}"' in text
    assert "URLconf" not in text and "django-admin/" not in text


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_server_error_gets_the_site_500_in_the_visitors_language(settings, language):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = language

    response = client.get("/broken/")

    text = response.content.decode()
    assert response.status_code == 500
    assert SERVER_ERROR[language] in text and f'lang="{language}"' in text
    assert "secret detail" not in text and "Traceback" not in text


def test_the_500_page_renders_without_a_request_context(rf):
    with translation.override("kk"):
        response = server_error(rf.get("/"))

    assert SERVER_ERROR["kk"] in response.content.decode()
