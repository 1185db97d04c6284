"""Multiple choice: any options are chosen; right ones earn their share, wrong ones cost."""

from django.utils.translation import gettext_lazy as _

from .. import gift
from ..answers import as_int
from . import QuestionType, option_at
from .single import read_marked_options


class MultipleChoice(QuestionType):
    kind = "multiple"
    label = _("Multiple choice")
    answer_template = "quizzes/question_types/multiple_answer.html"
    review_template = "quizzes/question_types/choice_review.html"
    gift_syntax = gift.MULTIPLE
    in_tables = True

    def answer_from(self, data, shown):
        picked = [option_at(shown.options, value) for value in data.getlist(shown.field)]
        return [pk for pk in picked if pk is not None] or None

    def score(self, question, answer):
        """Each right option earns its share of the credit; each wrong one chosen takes a
        share away (its own negative credit, or one right option's worth if none is set), so
        that ticking everything earns nothing."""
        options = list(question.options.all())
        right_total = sum(o.fraction for o in options if o.fraction > 0) or 1.0
        right_count = sum(1 for o in options if o.fraction > 0) or 1
        chosen = {as_int(value) for value in (answer if isinstance(answer, list) else [])}
        credit = 0.0
        for option in options:
            if option.pk not in chosen:
                continue
            if option.fraction > 0:
                credit += option.fraction / right_total
            elif option.fraction < 0:
                credit += option.fraction
            else:
                credit -= 1.0 / right_count
        return min(max(credit, 0.0), 1.0)

    def read_table_row(self, question, options, answer):
        read_marked_options(question, options, one_right=False)
