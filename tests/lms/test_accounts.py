import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from lms.models import LearnerCategory, User
from lms.roles import Role
from tests.lms.factories import PASSWORD, member

SIGNUP = {
    "email": "new.teacher@example.org",
    "password1": "Kokshetau-school-2026",
    "password2": "Kokshetau-school-2026",
    "last_name": "Нұрланова",
    "first_name": "Әсел",
    "category": LearnerCategory.CONCILIATION_COMMISSION,
    "language": "kk",
}


def _confirmation_link(message):
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body).group(1)


def test_signup_creates_profile_and_requires_email_verification(client, db):
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 302
    user = User.objects.get(email=SIGNUP["email"])
    assert (user.first_name, user.last_name) == ("Әсел", "Нұрланова")
    # What a new member says they are waits for an administrator's confirmation.
    assert user.profile.category == LearnerCategory.MEMBER
    assert user.profile.claimed_category == LearnerCategory.CONCILIATION_COMMISSION
    assert user.profile.language == "kk"
    assert user.groups.filter(name=Role.MEMBER).exists()
    assert not EmailAddress.objects.get(user=user).verified
    # Not signed in until the address is confirmed.
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [SIGNUP["email"]]


def test_following_the_emailed_link_verifies_and_signs_in(client, db):
    client.post(reverse("account_signup"), SIGNUP)
    link = _confirmation_link(mail.outbox[0])

    client.post(link)

    assert EmailAddress.objects.get(email=SIGNUP["email"]).verified
    assert int(client.session["_auth_user_id"]) == User.objects.get(email=SIGNUP["email"]).pk


def test_signup_with_a_missing_name_names_the_field(client, db):
    response = client.post(reverse("account_signup"), {**SIGNUP, "last_name": ""})

    assert response.status_code == 200
    assert "last_name" in response.context["form"].errors
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_login_with_email_and_logout(client, union):
    user = member(union.school_a)

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link_that_sets_a_new_password(client, union):
    user = member(union.school_a)

    client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    page = client.get(link.group(1), follow=True)
    client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link.group(1),
        {"password1": "Another-long-password-7", "password2": "Another-long-password-7"},
    )

    user.refresh_from_db()
    assert user.check_password("Another-long-password-7")


def test_repeated_failed_logins_are_refused_even_with_the_right_password(client, union, settings):
    user = member(union.school_a)

    for _attempt in range(6):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_every_new_account_gets_a_profile(db):
    user = User.objects.create_user("cli-made", "cli@example.org", PASSWORD)

    assert user.profile.category == LearnerCategory.MEMBER
