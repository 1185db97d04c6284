"""Matching: each left-hand item is paired with one of the right-hand answers. An option
without a left-hand side (GIFT's ``= -> answer``) only adds an answer to choose from."""

from django.utils.translation import gettext_lazy

from .. import gift
from ..answers import as_int
from ..messages import _
from . import QuestionType, option_at


def items_to_match(options):
    """The left-hand items among the options: all but the distractors."""
    return [option for option in options if option.text_ru or option.text_kk]


class Matching(QuestionType):
    kind = "matching"
    label = gettext_lazy("Matching")
    answer_template = "quizzes/question_types/matching_answer.html"
    review_template = "quizzes/question_types/matching_review.html"
    gift_syntax = gift.MATCHING
    in_tables = True

    def answer_from(self, data, shown):
        """{left option id: right option id}, from one group of choices per left-hand item."""
        pairs = {str(o.pk): option_at(shown.matches, data.get(f"{shown.field}-{n}", ""))
                 for n, o in enumerate(items_to_match(shown.options))}
        return {left: right for left, right in pairs.items() if right is not None} or None

    def is_answered(self, question, answer):
        """Answered once every left-hand item has its pair."""
        return isinstance(answer, dict) and len(answer) >= len(items_to_match(question.options.all()))

    def score(self, question, answer):
        options = items_to_match(question.options.all())
        if not options or not isinstance(answer, dict):
            return 0.0
        right = sum(1 for o in options if as_int(answer.get(str(o.pk))) == o.pk)
        return right / len(options)

    def read_table_row(self, question, options, answer):
        pairs = [o.split("=", 1) for o in options]
        if len(pairs) < 2 or any(len(p) != 2 or not p[0].strip() or not p[1].strip() for p in pairs):
            raise ValueError(_('column "options": give at least two "left = right" pairs'))
        question.options = [
            gift.ParsedOption(left.strip(), 1.0, match=right.strip()) for left, right in pairs
        ]
