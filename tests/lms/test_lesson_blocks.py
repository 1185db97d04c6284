"""A lesson block registered by another app (here, by the test) can be stored in a lesson
and is rendered on the lesson page, with no edit to the lesson page model."""

import json

import pytest
from django.utils.html import format_html
from wagtail import blocks

from lms import lesson_blocks
from lms import services as lms_services
from lms.models import LessonPage
from tests.lms.factories import course, member

pytestmark = pytest.mark.django_db


class SloganBlock(blocks.CharBlock):
    def render_basic(self, value, context=None):
        return format_html('<p class="slogan">{}</p>', value)


@pytest.fixture
def slogan():
    block = lesson_blocks.register("slogan", SloganBlock(label="Slogan"))
    yield block
    lesson_blocks.unregister("slogan")


def test_lms_own_blocks_keep_their_names_and_order():
    assert [name for name, _block in lesson_blocks.registered()][:5] == [
        "text", "video", "documents", "case_study", "callout"
    ]


def test_a_registered_block_renders_in_a_lesson(client, slogan, union, catalogue):
    page = course(catalogue, modules=1, lessons=1)
    lesson = page.lessons().first().specific
    lesson.body = json.dumps([
        {"type": "text", "value": "<p>Вступление</p>"},
        {"type": "slogan", "value": "Бірлікте күшпіз!"},
    ])
    lesson.save_revision().publish()
    learner = member(union.school_a)
    lms_services.enrol(learner, page)
    client.force_login(learner)

    html = client.get(lesson.url).content.decode()

    assert '<p class="slogan">Бірлікте күшпіз!</p>' in html
    assert "Вступление" in html
    assert LessonPage.objects.get(pk=lesson.pk).body[1].block_type == "slogan"  # stored and read back


def test_a_block_name_is_registered_once(slogan):
    with pytest.raises(ValueError, match="registered already"):
        lesson_blocks.register("slogan", SloganBlock())
