"""Links to videos on YouTube and Vimeo, turned into the address of their privacy-enhanced
player, from the link alone: no call to the video site while a page is drawn.

Only a link whose host and path are one of the known forms and whose video id passes a
strict pattern becomes a player; anything else is at most a plain link (``outside_link``),
so an editor's link can never put an arbitrary page into a frame of ours. The Content
Security Policy (``frame-src`` in lms/settings.py) allows exactly the two player hosts.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

YOUTUBE_PLAYER = "https://www.youtube-nocookie.com/embed/"
VIMEO_PLAYER = "https://player.vimeo.com/video/"
PLAYER_ORIGINS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")

_YOUTUBE_ID = r"[A-Za-z0-9_-]{11}"
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com",
                  "youtube-nocookie.com", "www.youtube-nocookie.com"}
_YOUTUBE_PATHS = re.compile(rf"/(?:shorts|embed|live)/(?P<id>{_YOUTUBE_ID})/?")
_YOUTU_BE_PATH = re.compile(rf"/(?P<id>{_YOUTUBE_ID})/?")
_YOUTUBE_ID_ONLY = re.compile(_YOUTUBE_ID)
# A start time as YouTube writes it: "90", "90s", "1m30s", "1h2m3s".
_START = re.compile(r"(?:(?P<h>\d{1,2})h)?(?:(?P<m>\d{1,4})m)?(?:(?P<s>\d{1,6})s?)?")

_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com"}
_VIMEO_PATH = re.compile(r"/(?P<id>\d{1,12})(?:/(?P<hash>[0-9a-f]{6,20}))?/?")
_VIMEO_PLAYER_PATH = re.compile(r"/video/(?P<id>\d{1,12})/?")
_VIMEO_HASH = re.compile(r"[0-9a-f]{6,20}")


@dataclass(frozen=True)
class Embed:
    """A video's player: ``src`` is built from checked parts only."""

    provider: str  # "youtube" or "vimeo"
    video_id: str
    src: str


def _parts(url):
    """The link's scheme-checked parts, or None for anything but a plain http(s) address."""
    try:
        parts = urlsplit((url or "").strip())
        parts.port  # noqa: B018 (a port that is not a number raises ValueError)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username is not None:
        return None
    return parts


def _single(query, name):
    values = query.get(name, [])
    return values[0] if len(values) == 1 else None


def _start_seconds(query):
    given = _single(query, "t") or _single(query, "start")
    match = _START.fullmatch(given or "")
    if not given or not match:
        return None
    seconds = int(match["h"] or 0) * 3600 + int(match["m"] or 0) * 60 + int(match["s"] or 0)
    return seconds or None


def _youtube(parts, query):
    host = parts.hostname
    if host == "youtu.be":
        match = _YOUTU_BE_PATH.fullmatch(parts.path)
        video_id = match["id"] if match else None
    elif host in _YOUTUBE_HOSTS:
        match = _YOUTUBE_PATHS.fullmatch(parts.path)
        if match:
            video_id = match["id"]
        elif parts.path in ("/watch", "/watch/"):
            video_id = _single(query, "v")
            video_id = video_id if video_id and _YOUTUBE_ID_ONLY.fullmatch(video_id) else None
        else:
            video_id = None
    else:
        return None
    if video_id is None:
        return None
    start = _start_seconds(query)
    options = f"?{urlencode({'start': start})}" if start else ""
    return Embed("youtube", video_id, f"{YOUTUBE_PLAYER}{video_id}{options}")


def _vimeo(parts, query):
    if parts.hostname in _VIMEO_HOSTS:
        match = _VIMEO_PATH.fullmatch(parts.path)
        unlisted = match["hash"] if match else None
    elif parts.hostname == "player.vimeo.com":
        match = _VIMEO_PLAYER_PATH.fullmatch(parts.path)
        unlisted = _single(query, "h")
        unlisted = unlisted if unlisted and _VIMEO_HASH.fullmatch(unlisted) else None
    else:
        return None
    if not match:
        return None
    options = ({"h": unlisted} if unlisted else {}) | {"dnt": 1}
    return Embed("vimeo", match["id"], f"{VIMEO_PLAYER}{match['id']}?{urlencode(options)}")


def embed_for(url):
    """The privacy-enhanced player of a YouTube or Vimeo link, or None for any other link."""
    parts = _parts(url)
    if parts is None:
        return None
    query = parse_qs(parts.query)
    return _youtube(parts, query) or _vimeo(parts, query)


def outside_link(url):
    """``url`` if it is a plain http(s) address to show as a link, else None (``javascript:``
    and the like are never put into a page)."""
    return url.strip() if _parts(url) is not None else None
