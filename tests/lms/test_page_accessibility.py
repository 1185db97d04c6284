"""What every page gives assistive technology: a skip link to the content, messages in a
live region, and forms sent back with errors that say so at the top (``role="alert"``),
with each field marked invalid and tied to its error text."""

import re

import pytest
from django import forms
from django.urls import reverse

from lms.templatetags.form_errors import form_errors
from tests.lms.factories import member

pytestmark = pytest.mark.usefixtures("english")


def summary(html):
    found = re.search(r'<div class="error-summary" role="alert" tabindex="-1">(.*?)</div>', html, re.S)
    assert found, "no error summary"
    return found.group(1)


def test_the_first_thing_to_tab_to_is_the_skip_link_to_the_content(client, union):
    client.force_login(member(union.school_a))

    html = client.get(reverse("lms:dashboard")).content.decode()

    body = html[html.index("<body>"):]
    first_focusable = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body).group(0)
    assert first_focusable == '<a class="skip-link" href="#content">'
    assert '<main id="content" class="wrap" tabindex="-1">' in html
    assert 'aria-controls="site-menu"' in html and 'id="site-menu"' in html


def test_a_success_is_a_status_and_a_refusal_an_alert(client, union):
    user = member(union.school_a)
    client.force_login(user)

    refused = client.post(reverse("lms:choose_organisation"),
                          {"organisation": union.district_a.pk}, follow=True).content.decode()
    chosen = client.post(reverse("lms:choose_organisation"),
                         {"organisation": union.school_a2.pk}, follow=True).content.decode()

    assert re.search(r'<p class="message error" role="alert">[^<]*primary organisation', refused)
    assert re.search(r'<p class="message success" role="status">Your organisation is now', chosen)


def test_the_profile_sent_back_lists_its_errors_linked_to_the_fields(client, union):
    user = member(union.school_a)
    client.force_login(user)

    html = client.post(reverse("lms:profile"), {
        "last_name": "Иванова", "first_name": "Ольга", "category": "astronaut", "position": "",
        "phone": "", "language": "xx"}).content.decode()

    errors = summary(html)
    assert re.findall(r'<a href="#(\w+)">', errors) == ["id_language", "id_category"]  # the form's order
    assert '<a href="#id_category">I am: Select a valid choice.' in errors
    assert '<a href="#id_language">Interface language: Select a valid choice.' in errors
    select = re.search(r'<select name="category"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in select
    assert 'aria-describedby="id_category_helptext id_category_error"' in select
    assert '<ul class="errorlist" id="id_category_error">' in html


def test_a_wrong_password_is_announced_at_the_top_of_the_login_form(client, union):
    user = member(union.school_a)

    html = client.post(reverse("account_login"),
                       {"login": user.email, "password": "not-my-password"}).content.decode()

    errors = summary(html)
    # A form-wide error points to the form's first field.
    assert '<a href="#id_login">' in errors and "not correct" in errors


def test_the_forgot_password_link_is_a_full_size_target(client, db):
    html = client.get(reverse("account_login")).content.decode()

    assert f'<a class="forgot-password" href="{reverse("account_reset_password")}">' in html


def test_a_form_not_sent_or_without_errors_has_no_summary():
    class Name(forms.Form):
        name = forms.CharField()

    assert form_errors(Name()) == []
    assert form_errors(Name({"name": "Ольга"})) == []
    [error] = form_errors(Name({}))
    assert (error.field_id, error.label, error.message) == ("id_name", "Name", "This field is required.")
