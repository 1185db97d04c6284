"""True or false: the learner says whether a statement is true."""

from django.utils.translation import gettext_lazy

from .. import gift
from ..messages import _
from . import QuestionType

TRUE_WORDS = {"true", "t", "да", "верно", "иә", "дұрыс", "1"}
FALSE_WORDS = {"false", "f", "нет", "неверно", "жоқ", "бұрыс", "0"}


class TrueFalse(QuestionType):
    kind = "true_false"
    label = gettext_lazy("True or false")
    answer_template = "quizzes/question_types/true_false_answer.html"
    review_template = "quizzes/question_types/true_false_review.html"
    gift_syntax = gift.TRUE_FALSE
    in_tables = True

    def answer_from(self, data, shown):
        return {"true": True, "false": False}.get(data.get(shown.field))

    def score(self, question, answer):
        return 1.0 if isinstance(answer, bool) and answer == question.true_false_answer else 0.0

    def feedback(self, shown):
        """The question's feedback for a right answer, or the one for a wrong answer."""
        question, answer = shown.question, shown.item.answer
        if not isinstance(answer, bool):
            return []
        right = answer == question.true_false_answer
        text = question.right_feedback_html if right else question.wrong_feedback_html
        return [text] if text else []

    def read_table_row(self, question, options, answer):
        if answer.lower() not in TRUE_WORDS | FALSE_WORDS:
            raise ValueError(_('column "answer": write true or false'))
        question.answer = answer.lower() in TRUE_WORDS
