"""With the Content-Security-Policy on, the learner pages and the Wagtail admin work in
Chromium without a single violation: nothing inline was left behind."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Collection

from demo.home import ensure_home_page
from lms import services as lms_services
from tests.browser.conftest import screenshot, wait_until
from tests.browser.test_smoke import log_in
from tests.content.factories import document
from tests.lms.factories import PASSWORD, UnionTree, catalogue_page, course, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEARNER_PAGES = ["/", "/learning/", "/learning/catalogue/", "/materials/", "/events/", "/search/?q=құқық",
                 "/certificates/", "/notifications/", "/notifications/preferences/", "/me/"]
ADMIN_PAGES = ["/admin/", "/admin/pages/", "/admin/certificate_templates/", "/admin/documents/"]


def _violations(page):
    found = []
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text else None)
    return found


@pytest.mark.parametrize("email, paths", [
    ("member.kk@example.org", LEARNER_PAGES),
    ("admin@example.org", ADMIN_PAGES + ["/events/", "/reports/", "/reports/coverage/", "/reports/courses/"]),
])
def test_pages_work_under_the_policy(phone, live_server, email, paths):
    call_command("seed_demo")  # the union, courses, library, webinars and reports
    violations = _violations(phone)
    log_in(phone, live_server.url, email)
    for path in paths:
        response = phone.goto(live_server.url + path)
        assert response.status < 400, path
        assert response.headers.get("content-security-policy"), path
        phone.wait_for_load_state("networkidle")
    for webinar in phone.locator("a[href*='/webinars/']").all()[:1]:
        webinar.click()
        phone.wait_for_load_state("networkidle")
    assert violations == []


def test_a_lessons_video_plays_and_its_youtube_player_is_framed_under_the_policy(phone, live_server):
    """A teacher on a phone, in Kazakh: the uploaded video gets its metadata and plays with its
    captions, and the YouTube player's frame is let through (offline its content cannot load:
    only the frame itself is checked)."""
    ensure_home_page()  # a transactional test starts from a flushed database
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    union = UnionTree.build()
    taught = course(catalogue_page(), modules=1, lessons=1, title="Ұжымдық шарт")
    learner = member(union.school_a)
    learner.profile.language = "kk"
    learner.profile.save()
    lms_services.enrol(learner, taught)
    clip = document("лекция.webm", (Path(__file__).parents[1] / "data" / "clip.webm").read_bytes())
    captions = document("лекция.vtt", "WEBVTT\n\n00:00.000 --> 00:01.400\nБіз біргеміз!\n".encode())
    lesson = taught.lessons().get().specific
    lesson.body = json.dumps([
        {"type": "video", "value": {"title": "Кәсіподақ туралы бейне", "file": clip.pk,
                                    "captions": captions.pk, "captions_language": "kk", "url": ""}},
        {"type": "text", "value": "<p>Бейнені қарап шығыңыз.</p>"},
        {"type": "video", "value": {"title": "Ұжымдық шарт: YouTube",
                                    "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}},
    ])
    lesson.save_revision().publish()
    violations = _violations(phone)
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.fill("input[name=login]", learner.email)
    phone.fill("input[name=password]", PASSWORD)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"{live_server.url}/")

    phone.goto(live_server.url + lesson.url)
    video = phone.locator("figure.video video")
    wait_until(phone, "document.querySelector('figure.video video').readyState >= 1")  # HAVE_METADATA
    assert video.evaluate("v => v.play().then(() => 'played')") == "played"
    wait_until(phone, "document.querySelector('figure.video video').textTracks[0].cues?.length === 1")
    assert video.evaluate("v => [v.textTracks[0].language, v.textTracks[0].mode]") == ["kk", "showing"]
    video.evaluate("v => v.pause()")
    player = phone.locator(".video-frame iframe")
    player.scroll_into_view_if_needed()  # a lazy frame is fetched (and checked) only when near
    assert player.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert player.get_attribute("title") == "Ұжымдық шарт: YouTube"
    phone.wait_for_timeout(1000)
    box = player.bounding_box()
    assert box["width"] > 300 and abs(box["width"] / box["height"] - 16 / 9) < 0.05
    phone.evaluate("window.scrollTo(0, 0)")
    screenshot(phone, "lesson-video-kk")
    assert phone.locator("html").get_attribute("lang") == "kk"
    assert violations == []
