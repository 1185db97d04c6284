"""Import messages: English text that remembers its msgid and values, so that the admin can
show it in the trainer's language.

The GIFT and table readers are plain Python (``quizzes.gift`` uses no Django): they raise
and collect ``Message``s, which read as English strings (in logs, exceptions and tests)
and are translated where they are shown (``translated``). ``_`` and ``ngettext`` here only
build messages; makemessages finds their msgids by these names, as it finds Django's.
Placeholders are named (``%(line)d``, ``%(answer)s``) so that a translation may reorder
them; a literal percent sign is written ``%%``.
"""


class Message(str):
    """An English message; ``translated(gettext, ngettext)`` gives it in another language."""

    def __new__(cls, singular, plural=None, count=None, params=None):
        params = dict(params or {})
        if plural is not None:
            params.setdefault("count", count)
        template = plural if plural is not None and count != 1 else singular
        message = super().__new__(cls, template % params)
        message.singular, message.plural, message.count, message.params = (
            singular, plural, count, params)
        return message

    def translated(self, gettext, ngettext):
        """The message in the language of ``gettext``/``ngettext`` (Django's, say)."""
        if self.plural is None:
            template = gettext(self.singular)
        else:
            template = ngettext(self.singular, self.plural, self.count)
        return template % self.params

    def __reduce__(self):
        return (Message, (self.singular, self.plural, self.count, self.params))


def _(template, **params):
    """A message whose msgid is ``template``, with ``params`` for its placeholders."""
    return Message(template, params=params)


def ngettext(singular, plural, count, **params):
    """A message with a plural form, chosen by ``count`` (also its ``%(count)d``)."""
    return Message(singular, plural, count, params)


def shown(message, gettext, ngettext):
    """``message`` in the language of the given functions: a ``Message`` is translated,
    any other text (already translated where it was made) is kept as it is."""
    if isinstance(message, Message):
        return message.translated(gettext, ngettext)
    return str(message)
