"""Behind nginx (``DOCUMENTS_ACCEL_REDIRECT_URL``), the document view still decides who gets a
file, and then hands the sending to nginx's internal location, which answers ranges."""

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.exceptions import SuspiciousFileOperation
from wagtail.utils import sendfile

from content.accel_redirect import internal_address
from lms import services as lms_services
from tests.content.factories import document
from tests.lms.factories import course, member

pytestmark = pytest.mark.django_db

CLIP = (Path(__file__).parents[1] / "data" / "clip.webm").read_bytes()


@pytest.fixture
def behind_nginx(settings):
    settings.DOCUMENTS_ACCEL_REDIRECT_URL = "/internal-media/"
    settings.SENDFILE_BACKEND = "content.accel_redirect"
    sendfile._get_sendfile.clear()  # Wagtail keeps the backend it loaded first
    yield
    sendfile._get_sendfile.clear()


@pytest.fixture
def video(union, catalogue):
    page = course(catalogue, modules=1, lessons=1)
    learner = member(union.school_a)
    lms_services.enrol(learner, page)
    clip = document("лекция 1.webm", CLIP)
    lesson = page.lessons().first().specific
    lesson.body = json.dumps([{"type": "video", "value": {"title": "Лекция", "file": clip.pk, "url": ""}}])
    lesson.save_revision().publish()
    clip.learner = learner
    return clip


def test_nginx_sends_the_file_once_the_view_let_the_learner_in(client, behind_nginx, video):
    client.force_login(video.learner)

    response = client.get(video.url, HTTP_RANGE="bytes=0-99")

    stored_name = Path(video.file.name).name
    assert stored_name.endswith(".webm")
    assert response.status_code == 200 and response.content == b""  # nginx answers the range
    assert response["X-Accel-Redirect"] == "/internal-media/documents/" + quote(stored_name)
    assert response["Content-Type"] == "video/webm"
    assert response["Content-Disposition"].startswith("attachment")


def test_those_the_view_refuses_get_no_redirect_to_the_file(client, behind_nginx, video, union):
    anonymous = client.get(video.url)
    assert anonymous.status_code == 302 and "X-Accel-Redirect" not in anonymous
    client.force_login(member(union.school_a2))
    refused = client.get(video.url)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


def test_only_files_under_the_documents_folder_get_an_internal_address(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DOCUMENTS_ACCEL_REDIRECT_URL = "/internal-media/"
    (tmp_path / "documents").mkdir()

    assert internal_address(tmp_path / "documents" / "қаулы.pdf") == (
        "/internal-media/documents/%D2%9B%D0%B0%D1%83%D0%BB%D1%8B.pdf")
    for outside in (tmp_path / "images" / "photo.jpg", tmp_path / "documents" / ".." / "private" / "x.pdf",
                    tmp_path.parent / "documents" / "x.pdf"):
        with pytest.raises(SuspiciousFileOperation):
            internal_address(outside)
