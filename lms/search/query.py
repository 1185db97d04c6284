"""Search queries in Russian and Kazakh: every word of the query in any of its forms.

A word matches as written or as its Russian or Kazakh stem (``word_forms``); a form of at
least ``MIN_PREFIX`` letters also matches the words that begin with it (``Prefix``), so
"инспектор" finds "инспекторларға" and "инспекторов". Indexed pages hold the stems of their
text next to it (their ``search_stems``), so the stems meet on both sides.
"""

from django.db.models import Case, IntegerField, Value, When
from wagtail.search.query import And, Or, PlainText

from .word_forms import forms, words

MAX_TERMS = 8
MAX_RESULTS = 500
MIN_PREFIX = 4


class Prefix(PlainText):
    """The words that begin with one word. Our search backend (``backends``) matches them
    on SQLite and PostgreSQL; another backend treats it as the word itself."""


def _any_form_of(word):
    terms = []
    for form in forms(word):
        terms.append(PlainText(form))
        if len(form) >= MIN_PREFIX:
            terms.append(Prefix(form))
    return terms[0] if len(terms) == 1 else Or(terms)


def build_query(text):
    """A Wagtail search query for ``text``: all of its words, each in any of its forms.
    None when the text has no word in it."""
    parts = [_any_form_of(word) for word in words(text)[:MAX_TERMS]]
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
