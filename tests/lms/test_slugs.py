"""Pages made in the admin get addresses in readable Latin letters from Kazakh and Russian
titles, in the browser as one types and on the server for a page saved without a slug."""

import json

import pytest
from django.urls import reverse

from lms.models import ModulePage
from lms.roles import Role
from lms.slugs import cyrillic_formatters, latin_slug
from tests.lms.test_moderation import draft_course, with_role


def test_kazakh_and_russian_titles_become_readable_latin_slugs():
    assert latin_slug("Еңбек құқығы негіздері") == "engbek-quqyghy-negizderi"
    assert latin_slug("Основы трудового права") == "osnovy-trudovogo-prava"
    assert latin_slug("Подъезд, съезд и щука!") == "podezd-sezd-i-shchuka"


def test_every_kazakh_letter_has_a_latin_spelling_in_both_cases():
    for letter in "әғқңөұүһіӘҒҚҢӨҰҮҺІ":
        assert latin_slug(letter).isascii() and latin_slug(letter), letter
    assert {letter for letter, _latin, _flags in cyrillic_formatters()} >= set("әғқңөұүһі")


@pytest.mark.django_db
def test_a_page_saved_without_a_slug_gets_one_in_latin_and_a_second_one_a_number(catalogue):
    course = draft_course(catalogue, with_role(Role.TRAINER))

    first = course.add_child(instance=ModulePage(title="Еңбек құқығы негіздері"))
    second = course.add_child(instance=ModulePage(title="Еңбек құқығы негіздері"))

    assert first.slug == "engbek-quqyghy-negizderi"
    assert second.slug == "engbek-quqyghy-negizderi-2"


@pytest.mark.django_db
def test_the_admin_slug_field_spells_kazakh_letters_as_the_server_does(client, catalogue):
    """The browser fills the slug in as the title is typed (tests/browser: the course builder)."""
    trainer = with_role(Role.TRAINER)
    course = draft_course(catalogue, trainer)
    client.force_login(trainer)
    url = reverse("wagtailadmin_pages:add", args=["lms", "modulepage", course.pk])
    html = client.get(url).content.decode()

    assert "data-w-slug-allow-unicode-value" not in html  # off: Stimulus's default
    assert "data-w-slug-formatters-value" in html
    attribute = html.split('data-w-slug-formatters-value="')[1].split('"')[0]
    formatters = json.loads(attribute.replace("&quot;", '"'))
    assert [["\u04a3", "gi"], "ng"] in formatters  # ң

