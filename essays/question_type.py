"""The essay: a free-text answer that a trainer reads and grades.

In GIFT an essay is a question with an empty answer block, ``::title:: text {}`` (general
feedback may stand in it: ``{####...}``). Tables (CSV, XLSX) do not hold essays.
"""

from django.utils.translation import gettext_lazy as _

from quizzes import gift
from quizzes.question_types import QuestionType

KIND = "essay"
# An essay is graded in marks out of MARKS; it weighs in the test's score as one question,
# as every question does (its credit is marks / MARKS).
MARKS = 10
MAX_LENGTH = 10_000  # characters kept of an answer


GIFT_SYNTAX = gift.Syntax(
    KIND,
    reads=lambda block: not block,
    read=lambda question, block: None,  # nothing in the block: text and feedback are read
    write=lambda question: "",
)


class Essay(QuestionType):
    kind = KIND
    label = _("Essay")
    answer_template = "essays/answer.html"
    review_template = "essays/review.html"
    gift_syntax = GIFT_SYNTAX
    max_answer_length = MAX_LENGTH
    marks = MARKS

    def score(self, question, answer):
        """A written answer waits for a trainer (None); an empty one earns nothing."""
        if isinstance(answer, str) and answer.strip():
            return None
        return 0.0
