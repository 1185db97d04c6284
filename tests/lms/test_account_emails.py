"""Sign-up and password-reset emails: links to the public site address (SITE_URL) whatever
host the request came in on, text in the person's chosen language."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.lms.factories import member

from .test_accounts import SIGNUP

SITE = "https://oqu.example.org"


@pytest.fixture(autouse=True)
def public_site(settings):
    settings.WAGTAILADMIN_BASE_URL = SITE
    # "web:8000" is how the proxy reaches the application inside the compose network.
    settings.ALLOWED_HOSTS = ["testserver", "web"]


def links(message):
    return re.findall(r"https?://\S+", message.body)


def test_the_verification_link_is_on_the_public_site_whatever_the_host(client, db):
    client.post(reverse("account_signup"), SIGNUP, HTTP_HOST="web:8000")

    [message] = mail.outbox
    [link] = links(message)
    assert link.startswith(f"{SITE}/accounts/confirm-email/")
    assert "web" not in message.body.replace(SITE, "") and "testserver" not in message.body
    assert "oqu.example.org" in message.body  # allauth's "register an account on <site>"


def test_the_verification_email_is_in_the_language_chosen_on_the_form(client, db):
    # A Russian page, Kazakh chosen as the interface language.
    client.post(reverse("account_signup"), {**SIGNUP, "language": "kk"}, HTTP_ACCEPT_LANGUAGE="ru")

    [message] = mail.outbox
    assert message.subject == "Электрондық пошта мекенжайыңызды растаңыз"
    assert "Кәсіподақ академиясы" in message.body


def test_the_password_reset_link_is_on_the_public_site_in_the_members_language(client, union):
    user = member(union.school_a)
    user.profile.language = "kk"
    user.profile.save()

    client.post(reverse("account_reset_password"), {"email": user.email}, HTTP_HOST="web",
                HTTP_ACCEPT_LANGUAGE="ru")

    [message] = mail.outbox
    [link] = links(message)
    assert link.startswith(f"{SITE}/accounts/password/reset/key/")
    assert re.search("[әғқңөұүһі]", message.subject + message.body)


def test_the_sign_up_email_names_the_site_not_the_host_it_was_sent_from(client, db, settings, english):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]

    client.post(reverse("account_signup"), {**SIGNUP, "language": "en"}, HTTP_HOST="127.0.0.1:8102")

    [message] = mail.outbox
    assert message.body.startswith("Hello from Union Academy!")
    assert "Thank you for using Union Academy!" in message.body
    assert "127.0.0.1" not in message.body and "8102" not in message.body
    assert all(link.startswith(f"{SITE}/") for link in links(message))
