"""Every way in (the site, the Wagtail admin, the Django admin) goes through one login: a
verified email, the per-account lockout and the staff second factor apply to each."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse
from django.utils import timezone

from lms.models import LoginLockout
from lms.services import lockout
from tests.lms.factories import PASSWORD, member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ADMIN_LOGINS = ["/admin/login/", "/django-admin/login/"]


def _signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", ADMIN_LOGINS)
def test_admin_login_pages_send_people_to_the_site_login(client, url):
    response = client.get(url + "?next=/admin/pages/")

    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=%2Fadmin%2Fpages%2F"


@pytest.mark.parametrize("url", ADMIN_LOGINS)
def test_an_unverified_account_cannot_sign_in_through_an_admin_login(client, union, url):
    boss = member(union.school_a, is_staff=True, is_superuser=True)
    EmailAddress.objects.filter(user=boss).update(verified=False)

    client.post(url, {"username": boss.username, "password": PASSWORD})
    client.post(url, {"username": boss.email, "password": PASSWORD})

    assert not _signed_in(client)
    assert client.get("/admin/").status_code == 302
    # The site login asks for the verification instead of signing in.
    client.post(reverse("account_login"), {"login": boss.email, "password": PASSWORD})
    assert not _signed_in(client)


def test_the_admin_asks_anonymous_visitors_to_use_the_site_login(client, db):
    for url in ("/admin/", "/django-admin/"):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("account_login")), url


def test_staff_with_a_second_factor_are_asked_for_it_on_the_way_to_the_admin(client, union):
    boss = member(union.school_a, is_staff=True, is_superuser=True)
    secret = generate_totp_secret()
    TOTP.activate(boss, secret)

    login = client.get("/admin/login/?next=/admin/", follow=True).redirect_chain[-1][0]
    response = client.post(login, {"login": boss.email, "password": PASSWORD})

    assert response.status_code == 302 and response.url.startswith(reverse("mfa_authenticate"))
    assert not _signed_in(client)
    assert client.get("/admin/").status_code == 302  # not in without the code
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert _signed_in(client)
    assert client.get("/admin/").status_code == 200


def _fail(client, user, times):
    for _attempt in range(times):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})


def test_wrong_passwords_pause_the_account_with_a_truthful_message(client, union, settings):
    settings.LOGIN_LOCKOUT_FREE_FAILURES = 3
    user = member(union.school_a)

    _fail(client, user, 3)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert not _signed_in(client)
    text = response.content.decode()
    assert "paused for 1 more minute" in text
    assert "Resetting your password unlocks the account at once" in text


def test_the_pause_is_short_and_grows_with_each_further_wrong_password(settings):
    settings.LOGIN_LOCKOUT_FREE_FAILURES = 5
    settings.LOGIN_LOCKOUT_BASE_SECONDS = 60
    settings.LOGIN_LOCKOUT_MAX_SECONDS = 1800
    pauses = [lockout.pause_after(n).total_seconds() for n in range(1, 13)]

    assert pauses == [0, 0, 0, 0, 60, 120, 240, 480, 960, 1800, 1800, 1800]


def test_the_pause_ends_by_itself(client, union, settings, time_machine):
    settings.LOGIN_LOCKOUT_FREE_FAILURES = 3
    user = member(union.school_a)
    time_machine.move_to(timezone.now(), tick=False)
    _fail(client, user, 3)

    time_machine.shift(datetime.timedelta(seconds=61))
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert _signed_in(client)
    assert not LoginLockout.objects.exists()  # a successful sign-in forgets the failures


def test_trying_again_during_the_pause_does_not_lengthen_it(client, union, settings):
    settings.LOGIN_LOCKOUT_FREE_FAILURES = 3
    user = member(union.school_a)
    _fail(client, user, 3)
    until = LoginLockout.objects.get().locked_until

    _fail(client, user, 5)

    lock = LoginLockout.objects.get()
    assert (lock.failures, lock.locked_until) == (3, until)


def test_a_password_reset_unlocks_the_account(client, union, settings, mailoutbox):
    settings.LOGIN_LOCKOUT_FREE_FAILURES = 3
    user = member(union.school_a)
    _fail(client, user, 3)

    client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mailoutbox[-1].body)
    page = client.get(link.group(1), follow=True)
    client.post(page.redirect_chain[-1][0] if page.redirect_chain else link.group(1),
                {"password1": "Another-long-password-7", "password2": "Another-long-password-7"})
    client.logout()
    client.post(reverse("account_login"),
                {"login": user.email, "password": "Another-long-password-7"})

    assert _signed_in(client)


def test_one_shared_school_address_does_not_lock_out_a_colleague(client, union, settings):
    settings.LOGIN_LOCKOUT_FREE_FAILURES = 3
    careless, colleague = member(union.school_a), member(union.school_a)

    _fail(client, careless, 8)
    client.post(reverse("account_login"), {"login": colleague.email, "password": PASSWORD})

    assert _signed_in(client)


def test_an_unknown_address_is_paused_like_a_real_one(client, db, settings):
    """The pause does not tell whether an account exists."""
    settings.LOGIN_LOCKOUT_FREE_FAILURES = 3
    for _attempt in range(4):
        response = client.post(reverse("account_login"),
                               {"login": "nobody@example.org", "password": "wrong"})

    assert "paused for" in response.content.decode()
