"""Full-text search over materials, courses and webinars, in Russian and Kazakh.

Wagtail's database backend does the searching: on PostgreSQL its full-text search with
the ``russian`` configuration (``SEARCH_CONFIG`` in settings) stems Russian words; SQLite
matches words as written. Kazakh is handled here, the same way on both: every word of the
query is looked up as written *or* as its Kazakh stem (``content.kazakh``), and materials
and webinars index the stems of their text next to the text (their ``search_stems``).
"""

from django.db.models import Case, IntegerField, Value, When
from wagtail.search.query import And, Or, PlainText

from .. import kazakh

MAX_TERMS = 8
MAX_RESULTS = 500


def build_query(text):
    """A Wagtail search query for ``text``: all of its words, each in any of its forms.
    None when the text has no word in it."""
    parts = []
    for word in kazakh.words(text)[:MAX_TERMS]:
        lowered = word.lower()
        stemmed = kazakh.stem(lowered)
        if stemmed != lowered:
            parts.append(Or([PlainText(lowered), PlainText(stemmed)]))
        else:
            parts.append(PlainText(lowered))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def matching_ids(queryset, text, limit=MAX_RESULTS):
    """Primary keys of the objects of ``queryset`` that match ``text``, best first; None
    when the text holds no word (no search asked for)."""
    query = build_query(text)
    if query is None:
        return None
    return [obj.pk for obj in queryset.only("pk").search(query)[:limit]]


def in_order_of(ids):
    """An ordering expression that keeps the order of ``ids`` (search relevance)."""
    if not ids:
        return Value(0)
    return Case(*[When(pk=pk, then=Value(position)) for position, pk in enumerate(ids)],
                default=Value(len(ids)), output_field=IntegerField())
