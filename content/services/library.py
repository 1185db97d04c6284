"""Business rules of the library: who may open what, listing, counting. Who may fetch a
material's file is decided with every other document's, in ``documents``."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce

from lms.search import in_order_of, matching_ids

from ..models import MaterialPage, MaterialUsage
from ..models.library import is_visible_to

SORT_NEWEST = "newest"
SORT_POPULAR = "popular"
SORT_RELEVANCE = "relevance"


def with_filters(queryset, filters):
    """``queryset`` narrowed by the filter form's values (kind, level, language, topic,
    category); unknown or empty ones are ignored. Topic and category slugs are unique, so
    their joins never repeat a row."""
    for name in ("kind", "level", "language"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    if filters.get("topic"):
        queryset = queryset.filter(topics__slug=filters["topic"])
    if filters.get("category"):
        queryset = queryset.filter(audiences__category=filters["category"])
    return queryset


def sorted_by(queryset, sort, ids=None, used=None):
    """Order by relevance (when there was a search), most used, or newest first."""
    if sort == SORT_RELEVANCE and ids is not None:
        return queryset.order_by(in_order_of(ids), "-first_published_at")
    if sort == SORT_POPULAR and used is not None:
        return queryset.annotate(used=used).order_by("-used", "-first_published_at", "-pk")
    return queryset.order_by("-first_published_at", "-pk")


def library_materials(user, *, filters=None, query="", sort=SORT_NEWEST):
    """The live materials ``user`` may open, filtered, searched and sorted, with their
    file, usage and topics loaded for listing."""
    visible = MaterialPage.objects.live().visible_to(user)
    materials = with_filters(visible, filters or {})
    ids = matching_ids(visible, query) if query else None
    if ids is not None:
        materials = materials.filter(pk__in=ids)
    used = Coalesce(F("usage__views"), 0) + Coalesce(F("usage__downloads"), 0)
    return sorted_by(materials, sort, ids, used).for_listing()


def may_open(user, material):
    """May ``user`` open ``material`` (its page and its file)?"""
    return is_visible_to(material, user)


def record_use(material, *, views=0, downloads=0):
    """Count a view or a download of ``material`` with an atomic update in the database."""
    counts = {"views": F("views") + views, "downloads": F("downloads") + downloads}
    if MaterialUsage.objects.filter(page_id=material.pk).update(**counts):
        return
    try:
        with transaction.atomic():
            MaterialUsage.objects.create(page_id=material.pk, views=views, downloads=downloads)
    except IntegrityError:  # another request made the row first
        MaterialUsage.objects.filter(page_id=material.pk).update(**counts)
