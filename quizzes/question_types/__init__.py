"""The registry of question types.

Each kind of question is a ``QuestionType`` that an app registers from its
``AppConfig.ready()``: quizzes registers the built-in kinds (one module each, next to this
one), the essays app its essay. The attempt page, scoring, the GIFT and table imports and
the review ask the registry, so a new kind needs no edit to quizzes.
"""


from lms.registry import Registry

KIND_LENGTH = 16  # Question.kind's max_length

class UnknownKind(LookupError):
    """No question type is registered under this kind."""


class QuestionType:
    """One kind of question. Subclass it, set the attributes, and ``register`` an instance.

    The attempt page shows ``answer_template`` and the result page ``review_template``
    for each drawn question ``s`` (a ``quizzes.taking.ShownQuestion``: ``s.question``,
    ``s.item`` with the saved ``answer`` and ``score``, ``s.field`` the form field's name,
    ``s.options`` and ``s.matches`` in this attempt's order); the review template also reads
    ``policy`` (``quizzes.services.ReviewPolicy``: which parts may be shown).
    """

    #: The code stored in ``Question.kind`` (at most 16 characters); never change it once used.
    kind = ""
    #: The name trainers read in the admin (translatable).
    label = ""
    answer_template = ""
    review_template = ""
    #: How GIFT writes the kind (``quizzes.gift.Syntax``); None: not in GIFT files.
    gift_syntax = None
    #: Whether a table row (CSV, XLSX) may hold the kind; see ``read_table_row``.
    in_tables = False
    #: The longest text answer kept.
    max_answer_length = 500

    def answer_from(self, data, shown):
        """The answer as the form sent it (``data``: the POST QueryDict), in the JSON shape
        ``score`` expects, or None when there is none. By default: text."""
        return data.get(shown.field, "").strip()[: self.max_answer_length] or None

    def is_answered(self, question, answer):
        """Whether the learner has answered the question (the attempt page's navigator and
        the "you have not answered" check before submitting). By default: any answer."""
        return answer is not None

    def score(self, question, answer):
        """The share of the question's credit (0.0 to 1.0) that ``answer`` earns, or None
        when a person has to grade it. ``answer`` is never None (no answer earns nothing)."""
        raise NotImplementedError

    def feedback(self, shown):
        """The feedback the learner's answer earns, besides the question's general
        feedback: safe HTML texts for the review. By default, that of the options chosen."""
        chosen = {pk for pk in shown.chosen if isinstance(pk, int)}
        return [o.feedback_html for o in shown.options if o.pk in chosen and o.feedback]

    def right_answers(self, question):
        """The fully right answers as text, for a review that shows them. By default the
        accepted answers kept on the question."""
        return question.accepted_list()

    def read_table_row(self, question, options, answer):
        """Fill ``question`` (a ``gift.ParsedQuestion`` with kind, text, title and feedback)
        from a table row: ``options``, the "options" cell split at "|", and ``answer``, the
        "answer" cell. ValueError names the column at fault."""
        raise NotImplementedError

    def __repr__(self):
        return f"<{type(self).__name__} {self.kind!r}>"


TYPES = Registry("question type", key="kind", max_length=KIND_LENGTH, missing=UnknownKind)
# ``register(QuestionType())``; ``unregister(kind)`` for a plugin that replaces a kind, and
# for tests; ``get(kind)`` raises UnknownKind; ``registered()`` in the order registered;
# ``choices()`` are those of ``Question.kind``.
register, unregister, get, registered = TYPES.register, TYPES.unregister, TYPES.get, TYPES.registered


def choices():
    """(kind, label) of every registered type: the choices of ``Question.kind``."""
    return TYPES.choices()


def gift_syntaxes():
    """The GIFT syntaxes of the registered types that have one."""
    return [t.gift_syntax for t in TYPES.registered() if t.gift_syntax is not None]


def table_kinds():
    """The kinds a table row may hold."""
    return [t.kind for t in TYPES.registered() if t.in_tables]


class AcceptedAnswers(QuestionType):
    """A kind answered in the learner's own words, scored by the first accepted answer it
    matches (its credit and feedback), as Moodle does: subclasses give ``matched``."""

    def matched(self, question, answer):
        """(credit, the option that matched or None), or None when nothing matches."""
        raise NotImplementedError

    def score(self, question, answer):
        found = self.matched(question, answer)
        return min(max(found[0], 0.0), 1.0) if found else 0.0

    def feedback(self, shown):
        found = self.matched(shown.question, shown.item.answer)
        option = found[1] if found else None
        return [option.feedback_html] if option is not None and option.feedback else []


def option_at(options, value):
    """The option id behind a form value. Forms carry positions in this attempt's shuffled
    order, never option ids, so nothing in the page hints at which option is right."""
    if value.isdigit() and int(value) < len(options):
        return options[int(value)].pk
    return None
