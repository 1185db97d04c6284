"""``{% lang_attr item %}``: ` lang="ru"` (or "kk") where a title or text is in another
language than the page, so that a screen reader reads it with the right voice and the
browser hyphenates it right; nothing when it is in the page's language.

``item`` is anything with a ``language`` field (a course, material, webinar, certificate),
or, with a field name, a model with a bilingual field: ``{% lang_attr path "title" %}``
(``lms.models.bilingual.Bilingual``, which shows Russian when the Kazakh text is missing).
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


def text_language(item, field=None):
    """The language ``item``'s text (its ``field`` if given) is shown in, or "" if unknown."""
    if item is None:
        return ""
    if field:
        bilingual = getattr(type(item), field, None)
        return bilingual.language(item) if hasattr(bilingual, "language") else ""
    return getattr(item, "language", "") or ""


@register.simple_tag
def lang_attr(item, field=None):
    language = text_language(item, field)
    if not language or language == (get_language() or "").split("-")[0]:
        return ""
    return format_html(' lang="{}"', language)
