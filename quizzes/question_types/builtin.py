"""The question types quizzes brings, registered from its ``ready()``, and the codes of
their kinds for code and tests that name one."""

from . import register
from .matching import Matching
from .multiple import MultipleChoice
from .numeric import Numeric
from .short_answer import ShortAnswer
from .single import SingleChoice
from .true_false import TrueFalse

BUILT_IN = (SingleChoice, MultipleChoice, TrueFalse, Matching, ShortAnswer, Numeric)


class QuestionKind:
    SINGLE = SingleChoice.kind
    MULTIPLE = MultipleChoice.kind
    TRUE_FALSE = TrueFalse.kind
    MATCHING = Matching.kind
    SHORT_ANSWER = ShortAnswer.kind
    NUMERIC = Numeric.kind


def register_built_in():
    for question_type in BUILT_IN:
        register(question_type())
