"""Text search in Russian and Kazakh, shared by courses, library materials and webinars:
the forms of a word (``word_forms``, ``kazakh``), the query built from them (``query``) and
the database search backend that also matches words by their beginning (``backends``,
named in ``WAGTAILSEARCH_BACKENDS``)."""

from .query import build_query, in_order_of, matching_ids
from .word_forms import stems_of

__all__ = ["build_query", "in_order_of", "matching_ids", "stems_of"]
