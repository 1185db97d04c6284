"""A YouTube or Vimeo link becomes the address of the privacy-enhanced player, built from
checked parts only; anything else is never a player, and only an http(s) address a link."""

import pytest
from django.conf import settings

from lms import video_links
from lms.video_links import embed_for, outside_link

ID = "dQw4w9WgXcQ"
NOCOOKIE = f"https://www.youtube-nocookie.com/embed/{ID}"


@pytest.mark.parametrize("url", [
    f"https://www.youtube.com/watch?v={ID}",
    f"https://youtube.com/watch?v={ID}",
    f"http://m.youtube.com/watch?v={ID}&feature=share",
    f"https://www.youtube.com/watch?feature=youtu.be&v={ID}&list=PL123",
    f"https://www.youtube.com/watch/?v={ID}",
    f"https://youtu.be/{ID}",
    f"https://youtu.be/{ID}?si=AbCdEf123",
    f"https://www.youtube.com/shorts/{ID}",
    f"https://youtube.com/shorts/{ID}/",
    f"https://www.youtube.com/embed/{ID}",
    f"https://www.youtube-nocookie.com/embed/{ID}",
    f"https://www.youtube.com/live/{ID}?si=x",
    f"  https://WWW.YouTube.com/watch?v={ID}  ",
    f"https://www.youtube.com:443/watch?v={ID}",
])
def test_youtube_links_become_the_nocookie_player(url):
    embed = embed_for(url)

    assert embed == video_links.Embed("youtube", ID, NOCOOKIE)


@pytest.mark.parametrize("url, start", [
    (f"https://youtu.be/{ID}?t=90", 90),
    (f"https://www.youtube.com/watch?v={ID}&t=1m30s", 90),
    (f"https://www.youtube.com/watch?v={ID}&t=1h2m3s", 3723),
    (f"https://www.youtube.com/embed/{ID}?start=42", 42),
])
def test_a_youtube_start_time_is_kept(url, start):
    assert embed_for(url).src == f"{NOCOOKIE}?start={start}"


@pytest.mark.parametrize("url", [
    f"https://youtu.be/{ID}?t=soon",
    f"https://youtu.be/{ID}?t=0",
    f"https://youtu.be/{ID}?t=1&t=2",
    f"https://youtu.be/{ID}?t=90%22onload%3D%22",
])
def test_a_start_time_that_is_not_one_is_left_out(url):
    assert embed_for(url).src == NOCOOKIE


@pytest.mark.parametrize("url, src", [
    ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
    ("https://www.vimeo.com/76979871/", "https://player.vimeo.com/video/76979871?dnt=1"),
    ("https://vimeo.com/76979871?share=copy", "https://player.vimeo.com/video/76979871?dnt=1"),
    ("https://vimeo.com/76979871/3f2a1b9c0d", "https://player.vimeo.com/video/76979871?h=3f2a1b9c0d&dnt=1"),
    ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
    ("https://player.vimeo.com/video/76979871?h=3f2a1b9c0d&autoplay=1",
     "https://player.vimeo.com/video/76979871?h=3f2a1b9c0d&dnt=1"),
])
def test_vimeo_links_become_the_do_not_track_player(url, src):
    embed = embed_for(url)

    assert (embed.provider, embed.video_id, embed.src) == ("vimeo", "76979871", src)


@pytest.mark.parametrize("url", [
    "",
    None,
    "javascript:alert(1)",
    f"javascript://www.youtube.com/watch?v={ID}%0Aalert(1)",
    f"data:text/html,<iframe src=https://youtu.be/{ID}>",
    f"https://evil.example/embed/{ID}",
    f"https://evil.example/watch?v={ID}",
    f"https://youtube.com.evil.example/watch?v={ID}",
    f"https://evilyoutube.com/watch?v={ID}",
    f"https://www.youtube.com@evil.example/watch?v={ID}",
    f"https://user:pass@www.youtube.com/watch?v={ID}",
    f"https://www.youtube.com/watch?v={ID}&v=aaaaaaaaaaa",  # two ids: which one?
    f'https://www.youtube.com/watch?v={ID[:10]}"',  # a quote in the id
    f"https://www.youtube.com/watch?v={ID[:10]}%22",
    f'https://youtu.be/{ID[:10]}"',
    f"https://youtu.be/{ID[:10]}'",
    f"https://www.youtube.com/embed/{ID}x",  # twelve characters
    f"https://www.youtube.com/embed/{ID[:10]}",  # ten
    f"https://www.youtube.com/embed/{ID}/../../evil",
    f"https://www.youtube.com/embed/{ID[:5]} {ID[5:]}",
    f"https://www.youtube.com/watch?v={ID}%0A",
    f"https://www.youtube.com/channel/{ID}",
    f"https://www.youtube.com/playlist?list={ID}",
    f"ftp://www.youtube.com/watch?v={ID}",
    f"https://www.youtube.com:notaport/watch?v={ID}",
    "https://vimeo.com/channels/staffpicks",
    "https://vimeo.com/76979871abc",
    "https://vimeo.com/76979871/NOTAHASH",
    "https://player.vimeo.com/video/76979871/../../evil",
    "https://vimeo.com.evil.example/76979871",
    "https://example.org/video/union-basics-world-practice",
])
def test_anything_else_is_not_a_player(url):
    assert embed_for(url) is None


def test_an_odd_hash_on_a_vimeo_player_link_is_dropped_not_copied():
    embed = embed_for("https://player.vimeo.com/video/76979871?h=%22%3E%3Cscript%3E")

    assert embed.src == "https://player.vimeo.com/video/76979871?dnt=1"


@pytest.mark.parametrize("url, link", [
    ("https://example.org/video/1", "https://example.org/video/1"),
    (" http://example.org/a?b=c ", "http://example.org/a?b=c"),
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    ("data:text/html,hi", None),
    ("//evil.example/x", None),
    ("/relative/path", None),
    ("", None),
    (None, None),
])
def test_only_http_addresses_are_links(url, link):
    assert outside_link(url) == link


def test_the_site_policy_frames_exactly_the_two_players():
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] == list(video_links.PLAYER_ORIGINS)
    for player in ("https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/"):
        assert player.startswith(video_links.PLAYER_ORIGINS)
