"""The site's search page: materials, courses and webinars found by one query and one set
of filters, each kind in its own short list, best first."""

from dataclasses import dataclass, field

from django.db.models import Count

from lms.models import CoursePage

from ..models import MaterialKind, WebinarPage
from .library import SORT_POPULAR, SORT_RELEVANCE, library_materials, sorted_by, with_filters
from .search import matching_ids

KIND_COURSE = "course"
KIND_WEBINAR = "webinar"
PER_KIND = 10


@dataclass
class Found:
    """Up to PER_KIND items of one kind; ``more`` says whether there were others."""

    items: list = field(default_factory=list)
    more: bool = False

    @classmethod
    def first_of(cls, queryset, limit=PER_KIND):
        items = list(queryset[: limit + 1])
        return cls(items[:limit], len(items) > limit)


@dataclass
class SiteResults:
    materials: Found
    courses: Found
    webinars: Found

    @property
    def empty(self):
        return not (self.materials.items or self.courses.items or self.webinars.items)


def _pages(queryset, *, filters, query, sort, popularity):
    found = with_filters(queryset, {k: v for k, v in filters.items() if k != "kind"})
    ids = matching_ids(queryset, query) if query else None
    if ids is not None:
        found = found.filter(pk__in=ids)
    return sorted_by(found, sort, ids, popularity)


def search_site(user, *, query="", filters=None, sort=SORT_RELEVANCE):
    """Materials ``user`` may open, courses and webinars matching ``query`` and
    ``filters``; the kind filter picks one of them (a material kind, "course" or
    "webinar"). A level filter leaves out webinars, which have no level."""
    filters = filters or {}
    kind = filters.get("kind", "")
    nothing = Found()
    materials = courses = webinars = nothing
    if not kind or kind in MaterialKind.values:
        materials = Found.first_of(library_materials(user, filters=filters, query=query, sort=sort))
    if not kind or kind == KIND_COURSE:
        courses = Found.first_of(_pages(
            CoursePage.objects.live(), filters=filters, query=query, sort=sort,
            popularity=Count("enrolments") if sort == SORT_POPULAR else None,
        ))
    if (not kind or kind == KIND_WEBINAR) and not filters.get("level"):
        webinars = Found.first_of(_pages(
            WebinarPage.objects.live(), filters=filters, query=query, sort=sort,
            popularity=Count("registrations") if sort == SORT_POPULAR else None,
        ))
    return SiteResults(materials, courses, webinars)
