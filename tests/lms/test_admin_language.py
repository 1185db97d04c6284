"""The admin in Kazakh: where Wagtail has no Kazakh translation it speaks Russian (Django
falls back to LANGUAGE_CODE), never English; the site is the Union Academy in every
language."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from lms.roles import Role
from lms.services import SESSION_LANGUAGE_KEY
from tests.lms.test_moderation import draft_course, with_role

pytestmark = pytest.mark.django_db


def in_kazakh(client, user):
    client.force_login(user)
    session = client.session
    session[SESSION_LANGUAGE_KEY] = "kk"
    session.save()


def test_wagtails_strings_without_kazakh_fall_back_to_russian():
    with translation.override("ru"):
        russian = [gettext(text) for text in ("Dashboard", "Save draft", "Awaiting your review")]
    with translation.override("kk"):
        kazakh = [gettext(text) for text in ("Dashboard", "Save draft", "Awaiting your review")]

    assert kazakh == russian and russian != ["Dashboard", "Save draft", "Awaiting your review"]


def test_the_dashboard_and_editor_in_kazakh_show_russian_for_wagtail_and_kazakh_for_the_site(
    client, catalogue
):
    trainer = with_role(Role.TRAINER)
    course = draft_course(catalogue, trainer)
    in_kazakh(client, trainer)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()

    with translation.override("kk"):
        site_name = gettext("Union Academy")
    assert '<html lang="kk"' in dashboard
    assert f"<title>Панель управления - {site_name}</title>" in dashboard
    assert "Oqu" not in dashboard and "Wagtail CMS" not in dashboard
    assert "Union Academy" not in dashboard  # the summary's "created in ..." too
    assert f'<span class="w-sr-only">создано на {site_name}</span>' in dashboard
    assert "Сохранить черновик" in editor and "Save draft" not in editor


def test_the_javascript_catalogue_in_kazakh_falls_back_to_russian(client):
    in_kazakh(client, with_role(Role.TRAINER))

    catalogue = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()

    assert "\\u0421\\u043e\\u0445\\u0440\\u0430\\u043d" in catalogue or "Сохран" in catalogue


def test_the_home_page_is_the_union_academy_in_the_readers_language(catalogue):
    home = catalogue.get_parent().specific

    for language in ("kk", "ru", "en"):
        with translation.override(language):
            assert home.get_admin_display_title() == gettext("Union Academy")
