"""Short answer: a few words, compared with the question's answers, each with its credit.

The fully right answers of ``Question.accepted_answers`` (written in the admin or a table)
are matched first, then the answers kept as options (from GIFT: ``=%50%answer#feedback``)
in their order; the first that matches gives its credit and feedback, as in Moodle. In an
option ``*`` stands for any characters (``\\*`` for a star), so ``=%0%*#...`` gives every
other answer its feedback. Case and spacing never matter; an option matches in Russian or
in Kazakh.
"""

import re

from django.utils.translation import gettext_lazy

from .. import gift
from ..answers import normalise, split_cell
from ..messages import _
from . import AcceptedAnswers

_STAR = "\x00"  # a "\\*" in an answer: a star itself, not a wildcard


def wildcard_match(given, answer):
    """Whether ``given`` (normalised) matches ``answer``, where ``*`` is any characters."""
    pattern = normalise(answer.replace("\\*", _STAR))
    parts = (re.escape(part).replace(_STAR, re.escape("*")) for part in pattern.split("*"))
    return re.fullmatch(".*".join(parts), given, flags=re.DOTALL) is not None


def matched(question, answer):
    """(credit, option) of the first answer ``answer`` matches, the option None for an
    accepted answer; None when it matches none."""
    if not isinstance(answer, str) or not answer.strip():
        return None
    given = normalise(answer)
    if given in {normalise(accepted) for accepted in question.accepted_list()}:
        return 1.0, None
    for option in question.options.all():
        if any(wildcard_match(given, text) for text in (option.text_ru, option.text_kk) if text):
            return option.fraction, option
    return None


class ShortAnswer(AcceptedAnswers):
    kind = "short_answer"
    label = gettext_lazy("Short answer")
    answer_template = "quizzes/question_types/short_answer_answer.html"
    review_template = "quizzes/question_types/short_answer_review.html"
    gift_syntax = gift.SHORT_ANSWER
    in_tables = True

    def matched(self, question, answer):
        return matched(question, answer)

    def right_answers(self, question):
        return question.accepted_list() + [o.text for o in question.options.all() if o.fraction == 1.0]

    def read_table_row(self, question, options, answer):
        question.accepted = split_cell(answer)
        if not question.accepted:
            raise ValueError(_('column "answer": give at least one accepted answer'))
