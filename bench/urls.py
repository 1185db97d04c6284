"""The site's URLs with one more in front: a bare view that the page benchmark compares
every page against, served by the same server in the same run."""

from django.http import HttpResponse
from django.urls import path

from lms.urls import urlpatterns as site_urlpatterns


def bare(request):
    """A constant string: the cost of Django and its middleware with no query and no template."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site_urlpatterns]
