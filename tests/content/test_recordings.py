import datetime

import pytest

from content.models import Access, MaterialKind, MaterialPage
from lms.roles import Role
from tests.content.factories import document, library_page, webinar, webinar_list_page, with_role

pytestmark = pytest.mark.django_db

VIDEO = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


@pytest.fixture
def library(db):
    return library_page()


@pytest.fixture
def past(db):
    return webinar(webinar_list_page(), title="Охрана труда в школе", starts_in=-datetime.timedelta(days=3))


def attach(page, **recording):
    for name, value in recording.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_a_published_recording_appears_in_the_library_as_a_video_lecture(client, library, past):
    attach(past, recording_url="https://example.org/recordings/safety")

    recording = MaterialPage.objects.get(webinar=past)
    client.force_login(with_role(Role.MEMBER))

    assert recording.live and recording.kind == MaterialKind.VIDEO_LECTURE
    assert recording.access == Access.MEMBERS and recording.title == past.title
    assert recording in client.get(library.url).context["listing"]
    assert recording in client.get("/search/", {"q": "охрана"}).context["results"].materials.items
    assert recording.url in client.get(past.url).content.decode()


def test_publishing_again_keeps_one_recording_and_follows_a_new_file(library, past):
    attach(past, recording_url="https://example.org/recordings/safety")
    attach(past, title="Охрана труда в школе (запись)")
    video = document("safety.mp4", VIDEO)
    attach(past, recording=video, recording_url="")

    recording = MaterialPage.objects.get(webinar=past)
    assert (recording.document, recording.video_url) == (video, "")


def test_a_webinar_without_a_recording_adds_nothing_to_the_library(library, past):
    attach(past, title="Без записи")

    assert not MaterialPage.objects.exists()


def test_the_recording_file_is_for_signed_in_members(client, library, past):
    video = document("safety.mp4", VIDEO)
    attach(past, recording=video)

    assert client.get(video.url).status_code == 302
    client.force_login(with_role(Role.MEMBER))
    assert client.get(video.url).status_code == 200
