from django.conf import settings
from django.http import Http404
from django.urls import path, re_path

from .views import library, search, webinars

app_name = "content"


def not_served(request, *args):
    raise Http404


urlpatterns = [
    path("search/", search.search, name="search"),
    path("materials/", library.library_link, name="library"),
    path("materials/<int:pk>/download/", library.download, name="download"),
    path("events/", webinars.webinars_link, name="webinars"),
    path("events/<int:pk>/register/", webinars.register, name="register"),
    path("events/<int:pk>/cancel/", webinars.cancel, name="cancel"),
    path("events/<int:pk>/calendar.ics", webinars.webinar_ics, name="webinar_ics"),
    path("events/feed/<str:token>.ics", webinars.calendar_feed, name="calendar_feed"),
]

if settings.MEDIA_URL.startswith("/"):
    # Documents are served only through Wagtail's serve view, which checks who may have
    # them; the debug server's media URLs must not hand them out around that check.
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/documents/", not_served, name="document_media")
    )
