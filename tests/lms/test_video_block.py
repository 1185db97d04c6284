"""A lesson's video plays in the page: an uploaded file in a ``<video>`` with its captions, a
YouTube or Vimeo link in the privacy-enhanced player; any other link stays a link, and
lessons stored before captions existed still render."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks import StructBlockValidationError

from lms import lesson_blocks
from lms import services as lms_services
from tests.content.factories import PDF_BYTES, document
from tests.lms.factories import course, member

pytestmark = pytest.mark.django_db

CLIP = (Path(__file__).parents[1] / "data" / "clip.webm").read_bytes()
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:01.000\nКәсіподақ — біз бірге!\n".encode()
YOUTUBE_ID = "dQw4w9WgXcQ"


def video_block():
    return dict(lesson_blocks.registered())["video"]


def stored(**value):
    """A video block as lessons stored it before captions existed: title, file, url,
    description and nothing else."""
    return {"type": "video", "value": {"title": "Ұжымдық шарт", "file": None, "url": "",
                                       "description": "", **value}}


@pytest.fixture
def lesson(union, catalogue):
    page = course(catalogue, modules=1, lessons=1)
    learner = member(union.school_a)
    lms_services.enrol(learner, page)
    lesson = page.lessons().first().specific
    lesson.learner = learner
    return lesson


def rendered(client, lesson, *blocks):
    lesson.body = json.dumps(list(blocks))
    lesson.save_revision().publish()
    client.force_login(lesson.learner)
    response = client.get(lesson.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_stored_youtube_link_now_plays_in_the_nocookie_player(client, lesson):
    html = rendered(client, lesson, stored(url=f"https://youtu.be/{YOUTUBE_ID}?t=75"))

    assert (f'<iframe src="https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}?start=75" '
            'title="Ұжымдық шарт" loading="lazy" allow="fullscreen; picture-in-picture" '
            'referrerpolicy="strict-origin-when-cross-origin"></iframe>') in html
    assert 'class="video-frame"' in html
    assert "youtu.be" not in html  # no link out beside the player


def test_a_vimeo_link_plays_in_the_do_not_track_player(client, lesson):
    html = rendered(client, lesson, stored(url="https://vimeo.com/76979871"))

    assert '<iframe src="https://player.vimeo.com/video/76979871?dnt=1"' in html


def test_any_other_link_stays_a_link_that_opens_the_other_site(client, lesson):
    html = rendered(client, lesson, stored(url="https://example.org/video/union-basics"))

    assert "<iframe" not in html
    assert '<a href="https://example.org/video/union-basics" rel="noopener" target="_blank">' in html


@pytest.mark.parametrize("url", [
    "javascript:alert(document.cookie)",
    f"https://evil.example/embed/{YOUTUBE_ID}",
    f'https://youtu.be/{YOUTUBE_ID[:10]}"onload="alert(1)',
])
def test_a_hostile_link_stored_in_a_lesson_is_never_a_frame(client, lesson, url):
    html = rendered(client, lesson, stored(url=url))

    assert "<iframe" not in html
    assert "javascript:" not in html and '"onload' not in html


def test_an_uploaded_video_plays_in_the_page_with_its_captions(client, lesson):
    video = document("лекция.webm", CLIP)
    captions = document("лекция.vtt", CAPTIONS)

    html = rendered(client, lesson, stored(file=video.pk, captions=captions.pk, captions_language="ru"))

    assert '<video controls preload="metadata" playsinline>' in html
    assert f'<source src="{video.url}" type="video/webm">' in html
    assert (f'<track kind="captions" src="{captions.url}" srclang="ru" label="Русский" default>'
            in html)
    assert "<iframe" not in html


def test_captions_of_a_stored_block_default_to_kazakh(client, lesson):
    video, captions = document("лекция.webm", CLIP), document("лекция.vtt", CAPTIONS)

    html = rendered(client, lesson, stored(file=video.pk, captions=captions.pk))

    assert 'srclang="kk" label="Қазақша" default>' in html


def test_beside_an_uploaded_video_a_youtube_link_is_a_link_not_a_second_player(client, lesson):
    video = document("лекция.webm", CLIP)

    html = rendered(client, lesson, stored(file=video.pk, url=f"https://youtu.be/{YOUTUBE_ID}"))

    assert html.count("<video") == 1 and "<iframe" not in html
    assert f'href="https://youtu.be/{YOUTUBE_ID}"' in html


def test_a_lesson_with_many_videos_costs_no_more_queries_than_with_one(client, lesson):
    def queries_with(videos):
        blocks = [stored(file=document(f"v{n}.webm", CLIP).pk, captions=document(f"v{n}.vtt", CAPTIONS).pk,
                         url=f"https://youtu.be/{YOUTUBE_ID}") for n in range(videos)]
        rendered(client, lesson, *blocks, stored(url="https://vimeo.com/76979871"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(lesson.url).status_code == 200
        return len(queries)

    assert queries_with(4) == queries_with(1)


# --- What an editor may save -------------------------------------------------------------------


def cleaned(**value):
    block = video_block()
    return block.clean(block.to_python(stored(**value)["value"]))


def block_errors(**value):
    with pytest.raises(StructBlockValidationError) as refusal:
        cleaned(**value)
    return {name: error.messages for name, error in refusal.value.block_errors.items()}


def test_a_stored_link_only_block_is_still_valid():
    value = cleaned(url="https://example.org/video/1")

    assert value["captions"] is None and value["captions_language"] == "kk"


def test_a_video_needs_a_file_or_a_link():
    assert list(block_errors()) == ["file"]


def test_the_file_must_be_a_video_and_the_captions_webvtt():
    pdf = document("памятка.pdf", PDF_BYTES)
    video = document("лекция.webm", CLIP)

    assert list(block_errors(file=pdf.pk)) == ["file"]
    assert list(block_errors(file=video.pk, captions=pdf.pk)) == ["captions"]
    assert cleaned(file=video.pk, captions=document("лекция.vtt", CAPTIONS).pk)["captions"]


def test_captions_go_with_an_uploaded_file():
    captions = document("лекция.vtt", CAPTIONS)

    assert list(block_errors(url=f"https://youtu.be/{YOUTUBE_ID}", captions=captions.pk)) == ["captions"]
