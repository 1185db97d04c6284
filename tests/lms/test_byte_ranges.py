"""Seeking in a video: a ``Range`` request for a file the application streams (a lesson's
video through the document view, an image in the embedded mode) gets just that part (206),
after the same permission check as the whole file."""

import json
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.views.static import serve

from lms import services as lms_services
from lms.byte_ranges import UNSATISFIABLE, ByteRangeMiddleware, requested_range
from tests.content.factories import document
from tests.lms.factories import course, member

CLIP = (Path(__file__).parents[1] / "data" / "clip.webm").read_bytes()
SIZE = len(CLIP)


@pytest.mark.parametrize("header, wanted", [
    ("bytes=0-99", (0, 99)),
    ("bytes=0-", (0, 999)),
    ("bytes=100-", (100, 999)),
    ("bytes=990-2000", (990, 999)),  # the last byte is past the end: up to the end
    ("bytes=-50", (950, 999)),
    ("bytes=-5000", (0, 999)),
    ("bytes=999-999", (999, 999)),
    ("bytes=1000-", UNSATISFIABLE),
    ("bytes=1000-1010", UNSATISFIABLE),
    ("bytes=-0", UNSATISFIABLE),
    ("bytes=5-4", None),  # not a range: ignored
    ("bytes=0-9,20-29", None),  # several: the whole file
    ("items=0-9", None),
    ("bytes=abc", None),
    ("bytes=-", None),
])
def test_the_range_asked_for(header, wanted):
    assert requested_range(header, 1000) == wanted


@pytest.fixture
def video(union, catalogue):
    """A lesson's uploaded video, and the learner enrolled in its course."""
    page = course(catalogue, modules=1, lessons=1)
    learner = member(union.school_a)
    lms_services.enrol(learner, page)
    clip = document("лекция.webm", CLIP)
    lesson = page.lessons().first().specific
    lesson.body = json.dumps([{"type": "video", "value": {"title": "Лекция", "file": clip.pk, "url": ""}}])
    lesson.save_revision().publish()
    clip.learner = learner
    return clip


def body(response):
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_a_learner_seeks_in_a_lessons_video(client, video):
    client.force_login(video.learner)

    whole = client.get(video.url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes" and body(whole) == CLIP

    for header, first, last in [("bytes=0-", 0, SIZE - 1), ("bytes=100-199", 100, 199),
                                ("bytes=-64", SIZE - 64, SIZE - 1)]:
        part = client.get(video.url, HTTP_RANGE=header)
        assert part.status_code == 206, header
        assert part["Content-Range"] == f"bytes {first}-{last}/{SIZE}"
        assert int(part["Content-Length"]) == last - first + 1
        assert part["Content-Type"] == "video/webm"
        assert body(part) == CLIP[first:last + 1]


@pytest.mark.django_db
def test_a_range_past_the_end_is_refused_and_several_ranges_get_the_whole_file(client, video):
    client.force_login(video.learner)

    past = client.get(video.url, HTTP_RANGE=f"bytes={SIZE}-")
    assert past.status_code == 416 and past["Content-Range"] == f"bytes */{SIZE}"
    several = client.get(video.url, HTTP_RANGE="bytes=0-9,20-29")
    assert several.status_code == 200 and body(several) == CLIP


@pytest.mark.django_db
def test_a_range_of_another_version_gets_the_whole_new_file(client, video):
    client.force_login(video.learner)
    whole = client.get(video.url)
    assert body(whole) == CLIP

    same = client.get(video.url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=whole["ETag"])
    assert same.status_code == 206 and body(same) == CLIP[:10]
    changed = client.get(video.url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"another-version"')
    assert changed.status_code == 200 and body(changed) == CLIP


@pytest.mark.django_db
def test_a_range_is_no_way_around_the_documents_rule(client, video, union):
    assert client.get(video.url, HTTP_RANGE="bytes=0-9").status_code == 302  # sign in first
    client.force_login(member(union.school_a2))  # not enrolled in the course
    assert client.get(video.url, HTTP_RANGE="bytes=0-9").status_code == 404


@pytest.mark.django_db  # closing a response ends the request, which looks at the connection
def test_media_served_by_django_in_the_embedded_mode_answers_ranges(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(bytes(range(256)) * 4)
    middleware = ByteRangeMiddleware(lambda request: serve(request, "photo.jpg", document_root=tmp_path))

    response = middleware(RequestFactory().get("/media/images/photo.jpg", HTTP_RANGE="bytes=1000-"))

    assert response.status_code == 206 and response["Content-Range"] == "bytes 1000-1023/1024"
    assert body(response) == (bytes(range(256)) * 4)[1000:]
    response.close()
