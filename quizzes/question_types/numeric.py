"""Numeric: a number, right within the question's tolerance."""

from django.utils.translation import gettext_lazy as _

from .. import gift
from . import QuestionType


def as_number(text):
    """A number as people write it: a decimal comma and spaces between thousands allowed."""
    return float(str(text).strip().replace(",", ".").replace(" ", ""))


class Numeric(QuestionType):
    kind = "numeric"
    label = _("Numeric")
    answer_template = "quizzes/question_types/numeric_answer.html"
    review_template = "quizzes/question_types/numeric_review.html"
    gift_syntax = gift.NUMERIC
    in_tables = True

    def score(self, question, answer):
        try:
            value = as_number(answer)
        except ValueError:
            return 0.0
        if question.numeric_answer is None:
            return 0.0
        return 1.0 if abs(value - question.numeric_answer) <= question.tolerance + 1e-9 else 0.0

    def read_table_row(self, question, options, answer):
        """A number, optionally with a "±" or ":" tolerance."""
        value, _sep, tolerance = answer.replace("±", ":").partition(":")
        try:
            question.value = as_number(value)
            question.tolerance = as_number(tolerance) if tolerance.strip() else 0.0
        except ValueError:
            raise ValueError(f'column "answer": "{answer}" is not a number') from None
