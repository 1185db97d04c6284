from django.urls import reverse

from lms.services import SESSION_LANGUAGE_KEY
from tests.lms.factories import PASSWORD, member

UNION_KK = "Қазақстандық білім және ғылым қызметкерлерінің салалық кәсіподағы"
UNION_RU = "Казахстанский отраслевой профсоюз работников образования и науки"


def test_switching_language_is_kept_in_the_profile(client, union):
    user = member(union.school_a)
    client.force_login(user)

    response = client.post(reverse("lms:switch_language"), {"language": "kk", "next": "/me/"})

    assert response.url == "/me/"
    user.profile.refresh_from_db()
    assert user.profile.language == "kk"
    assert client.session[SESSION_LANGUAGE_KEY] == "kk"


def test_the_profile_language_applies_at_login_whatever_the_browser_says(client, union):
    user = member(union.school_a)
    user.profile.language = "kk"
    user.profile.save()

    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.headers["Content-Language"] == "kk"
    assert UNION_KK in response.content.decode()


def test_anonymous_visitor_gets_the_browser_language_and_can_switch(client, union):
    assert UNION_RU in client.get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    client.post(reverse("lms:switch_language"), {"language": "kk", "next": "/"})

    assert UNION_KK in client.get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()


def test_unknown_language_is_refused(client, db):
    response = client.post(reverse("lms:switch_language"), {"language": "xx"})

    assert response.status_code == 400


def test_switch_does_not_redirect_to_another_site(client, db):
    response = client.post(
        reverse("lms:switch_language"), {"language": "ru", "next": "https://evil.example/"}
    )

    assert response.url == "/"
