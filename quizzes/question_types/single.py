"""Single choice: one option is chosen; it earns its own credit."""

from django.utils.translation import gettext_lazy

from .. import gift
from ..answers import as_int
from ..messages import _
from . import QuestionType, option_at


def read_marked_options(question, options, *, one_right):
    """Choice options from a table: right ones marked with a leading "*"."""
    right = [o for o in options if o.startswith("*")]
    if len(options) < 2 or not right:
        raise ValueError(_('column "options": give at least two options and mark the right '
                                 'ones with *'))
    if one_right and len(right) > 1:
        raise ValueError(_('column "options": a single-choice question has one right option'))
    share = 1.0 / len(right)
    wrong = 0.0 if one_right else -1.0 / len(right)
    question.options = [
        gift.ParsedOption(o.lstrip("*").strip(), share if o.startswith("*") else wrong) for o in options
    ]


class SingleChoice(QuestionType):
    kind = "single"
    label = gettext_lazy("Single choice")
    answer_template = "quizzes/question_types/single_answer.html"
    review_template = "quizzes/question_types/choice_review.html"
    gift_syntax = gift.SINGLE
    in_tables = True

    def answer_from(self, data, shown):
        return option_at(shown.options, data.get(shown.field, ""))

    def score(self, question, answer):
        chosen = as_int(answer)
        fraction = next((o.fraction for o in question.options.all() if o.pk == chosen), 0)
        return min(max(fraction, 0.0), 1.0)

    def read_table_row(self, question, options, answer):
        read_marked_options(question, options, one_right=True)
