"""The text formats of questions, as Moodle has them, and how a learner is shown each.

``moodle`` (Moodle's default: HTML allowed, line breaks kept), ``html``, ``plain`` (shown
as written, every character literal) and ``markdown``. Whatever the format, what reaches
the page is sanitised HTML: markdown is rendered, then HTML of any origin is cleaned by
nh3 (no scripts, event handlers or javascript: links), and plain text is escaped.
"""

import html
import re

import nh3
from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from markdown_it import MarkdownIt


class TextFormat(models.TextChoices):
    MOODLE = "moodle", _("Moodle auto-format (HTML allowed, line breaks kept)")
    HTML = "html", _("HTML")
    PLAIN = "plain", _("Plain text")
    MARKDOWN = "markdown", _("Markdown")


# Raw HTML inside markdown is allowed, as in Moodle; nh3 cleans the result.
_MARKDOWN = MarkdownIt("commonmark", {"html": True})
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&])")


def _clean(markup):
    return nh3.clean(markup)


def _line_breaks(text):
    return text.replace("\r\n", "\n").replace("\n", "<br>\n")


def to_html(text, text_format, inline=False):
    """``text`` in ``text_format`` as safe HTML for a page. ``inline``: for an answer
    inside a label, without paragraphs around it."""
    if not text:
        return SafeString("")
    if text_format == TextFormat.MARKDOWN:
        markup = _MARKDOWN.renderInline(text) if inline else _MARKDOWN.render(text)
    elif text_format == TextFormat.HTML:
        markup = text
    elif text_format == TextFormat.MOODLE:
        markup = _line_breaks(text)
    else:
        markup = _line_breaks(str(escape(text)))
    if not inline and text_format in (TextFormat.MOODLE, TextFormat.PLAIN):
        markup = f"<p>{markup}</p>"
    return mark_safe(_clean(markup))  # cleaned by nh3: safe to put on a page


def convert(text, source, target):
    """``text`` written in ``source`` format rewritten in ``target`` format, showing the
    same: for a text of a question that a file wrote in another format than the rest of
    the question (each question keeps one format)."""
    if not text or source == target or not source:
        return text
    if target == TextFormat.PLAIN:
        if source == TextFormat.MARKDOWN:
            return text  # markdown source is meant to read well as it is
        return html.unescape(nh3.clean(text.replace("<br>", "\n"), tags=set())).strip()
    if source == TextFormat.PLAIN:
        if target == TextFormat.MARKDOWN:
            return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "\\\n")
        return str(escape(text)) if target == TextFormat.MOODLE else _line_breaks(str(escape(text)))
    as_html = str(to_html(text, source, inline=True))
    if target == TextFormat.HTML:
        return as_html
    # Moodle auto-format and markdown both keep HTML as written; one line, so that no
    # line break of the HTML source becomes a break on the page.
    return " ".join(as_html.split("\n"))
