"""The site's search page: materials, courses and webinars found by one query and one set
of filters, each kind in its own short list, best first."""

from dataclasses import dataclass, field

from django.db.models import Count

from lms.models import CoursePage
from lms.search import matching_ids
from lms.services import one_copy_per_course

from ..models import MaterialKind, WebinarPage
from .library import SORT_POPULAR, SORT_RELEVANCE, library_materials, sorted_by, with_filters

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


def _found(queryset, *, filters, query):
    """``queryset`` narrowed by ``filters`` and ``query``, and the ids the search found in
    their order (None without a query)."""
    found = with_filters(queryset, {k: v for k, v in filters.items() if k != "kind"})
    ids = matching_ids(queryset, query) if query else None
    if ids is not None:
        found = found.filter(pk__in=ids)
    return found, ids


def search_site(user, *, query="", filters=None, sort=SORT_RELEVANCE, language=None):
    """Materials ``user`` may open, courses and webinars matching ``query`` and
    ``filters``; the kind filter picks one of them (a material kind, "course" or
    "webinar"). A level filter leaves out webinars, which have no level. A course found
    in several languages is listed once, in ``language`` when it can be."""
    filters = filters or {}
    kind = filters.get("kind", "")
    nothing = Found()
    materials = courses = webinars = nothing
    if not kind or kind in MaterialKind.values:
        materials = Found.first_of(library_materials(user, filters=filters, query=query, sort=sort))
    if not kind or kind == KIND_COURSE:
        found, ids = _found(CoursePage.objects.live(), filters=filters, query=query)
        courses = Found.first_of(sorted_by(
            one_copy_per_course(found, language), sort, ids,
            Count("enrolments") if sort == SORT_POPULAR else None,
        ))
    if (not kind or kind == KIND_WEBINAR) and not filters.get("level"):
        found, ids = _found(WebinarPage.objects.live(), filters=filters, query=query)
        webinars = Found.first_of(sorted_by(
            found, sort, ids, Count("registrations") if sort == SORT_POPULAR else None,
        ))
    return SiteResults(materials, courses, webinars)
