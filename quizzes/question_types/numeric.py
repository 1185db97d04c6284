"""Numeric: a number, right within a tolerance or a range.

``Question.numeric_answer`` ± ``tolerance`` (written in the admin or a table) is the fully
right answer; the answers kept as options (from GIFT) each give their own credit and
feedback: number ± tolerance, a range number..number_to, or, without a number, any other
number. The first that holds the learner's number counts, as in Moodle.
"""

from django.utils import formats
from django.utils.translation import gettext, gettext_lazy

from .. import gift
from ..messages import _
from . import AcceptedAnswers

SLACK = 1e-9  # float rounding at the edges of a tolerance or range


def as_number(text):
    """A number as people write it: a decimal comma and spaces between thousands allowed."""
    return float(str(text).strip().replace(",", ".").replace(" ", ""))


def holds(value, number, tolerance=0.0, number_to=None):
    """Whether ``value`` is ``number`` ± ``tolerance``, or in the range number..number_to."""
    if number_to is not None:
        return number - SLACK <= value <= number_to + SLACK
    return abs(value - number) <= tolerance + SLACK


def shown_number(value):
    value = float(value)
    return formats.number_format(int(value) if value.is_integer() else value)


def answer_text(number, tolerance=0.0, number_to=None):
    """A right answer as a learner reads it: "40", "3,14 ± 0,01" or "from 42 to 56"."""
    if number_to is not None:
        return gettext("from %(low)s to %(high)s") % {
            "low": shown_number(number), "high": shown_number(number_to)}
    if tolerance:
        return f"{shown_number(number)} ± {shown_number(tolerance)}"
    return shown_number(number)


def matched(question, answer):
    """(credit, option) of the first answer that holds the learner's number, the option
    None for the question's own number; None when none holds it."""
    try:
        value = as_number(answer)
    except ValueError:
        value = None
    if value is not None and question.numeric_answer is not None and holds(
            value, question.numeric_answer, question.tolerance):
        return 1.0, None
    for option in question.options.all():
        if option.number is None or (
                value is not None and holds(value, option.number, option.tolerance, option.number_to)):
            return option.fraction, option
    return None


class Numeric(AcceptedAnswers):
    kind = "numeric"
    label = gettext_lazy("Numeric")
    answer_template = "quizzes/question_types/numeric_answer.html"
    review_template = "quizzes/question_types/numeric_review.html"
    gift_syntax = gift.NUMERIC
    in_tables = True

    def matched(self, question, answer):
        return matched(question, answer)

    def right_answers(self, question):
        answers = []
        if question.numeric_answer is not None:
            answers.append(answer_text(question.numeric_answer, question.tolerance))
        answers += [answer_text(o.number, o.tolerance, o.number_to)
                    for o in question.options.all() if o.fraction == 1.0 and o.number is not None]
        return answers

    def read_table_row(self, question, options, answer):
        """A number, optionally with a "±" or ":" tolerance."""
        value, _sep, tolerance = answer.replace("±", ":").partition(":")
        try:
            question.value = as_number(value)
            question.tolerance = as_number(tolerance) if tolerance.strip() else 0.0
        except ValueError:
            raise ValueError(_('column "answer": "%(answer)s" is not a number',
                                     answer=answer)) from None
