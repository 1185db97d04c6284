"""Every page carries a Content Security Policy and the usual security headers; the site's
policy allows no inline script, only the admin's does."""

import pytest
from django.urls import reverse

from tests.lms.factories import member

pytestmark = pytest.mark.django_db

SITE_PAGES = ["/", "/learning/catalogue/", "/accounts/login/", "/certificates/verify/", "/nonexistent-page/"]


def _policy(response):
    return dict(
        (part.split(" ", 1) + [""])[:2] for part in response["Content-Security-Policy"].split("; ")
    )


@pytest.mark.parametrize("path", SITE_PAGES)
def test_site_pages_have_a_strict_policy_and_security_headers(client, path, catalogue):
    response = client.get(path)
    policy = _policy(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_site_pages_frame_only_the_two_video_players_and_play_media_from_the_site(client):
    policy = _policy(client.get("/accounts/login/"))

    assert policy["frame-src"] == "https://www.youtube-nocookie.com https://player.vimeo.com"
    assert policy["media-src"] == "'self'"


def test_the_learner_pages_of_a_logged_in_member_too(client, union):
    client.force_login(member(union.school_a))
    for name in ("lms:dashboard", "lms:profile", "certificates:mine", "notifications:list"):
        assert "'unsafe-inline'" not in client.get(reverse(name))["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/admin/", "/django-admin/"])
def test_the_admin_gets_its_own_policy(client, path):
    policy = _policy(client.get(path))
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == "'self'"
    assert policy["object-src"] == "'none'"
