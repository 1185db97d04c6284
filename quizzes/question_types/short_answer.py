"""Short answer: a few words, right when they are one of the accepted answers."""

from django.utils.translation import gettext_lazy as _

from .. import gift
from ..answers import normalise, split_cell
from . import QuestionType


class ShortAnswer(QuestionType):
    kind = "short_answer"
    label = _("Short answer")
    answer_template = "quizzes/question_types/short_answer_answer.html"
    review_template = "quizzes/question_types/short_answer_review.html"
    gift_syntax = gift.SHORT_ANSWER
    in_tables = True

    def score(self, question, answer):
        if not isinstance(answer, str) or not answer.strip():
            return 0.0
        return 1.0 if normalise(answer) in {normalise(a) for a in question.accepted_list()} else 0.0

    def read_table_row(self, question, options, answer):
        question.accepted = split_cell(answer)
        if not question.accepted:
            raise ValueError('column "answer": give at least one accepted answer')
