import pytest

from quizzes.question_types.builtin import QuestionKind
from quizzes.scoring import score_answer
from tests.quizzes.factories import bank, question

pytestmark = pytest.mark.django_db


def ids(q):
    return [o.pk for o in q.options.all()]


def test_single_choice_scores_the_right_option_only():
    q = question(bank(), options=[("Верно", 1), ("Неверно", 0)])
    right, wrong = ids(q)

    assert score_answer(q, right) == 1.0
    assert score_answer(q, str(right)) == 1.0
    assert score_answer(q, wrong) == 0.0
    assert score_answer(q, "garbage") == 0.0
    assert score_answer(q, None) == 0.0


def test_multiple_choice_gives_partial_credit_and_punishes_ticking_everything():
    q = question(bank(), QuestionKind.MULTIPLE,
                 options=[("a", 0.5), ("b", 0.5), ("c", -0.5), ("d", 0)])
    a, b, c, d = ids(q)

    assert score_answer(q, [a, b]) == 1.0
    assert score_answer(q, [a]) == 0.5
    assert score_answer(q, [a, c]) == 0.0
    assert score_answer(q, [a, b, d]) == 0.5
    assert score_answer(q, [a, b, c, d]) == 0.0
    assert score_answer(q, "a") == 0.0


def test_multiple_choice_with_whole_credits_per_right_option_is_normalised():
    q = question(bank(), QuestionKind.MULTIPLE, options=[("a", 1), ("b", 1), ("c", 0)])
    a, b, c = ids(q)

    assert score_answer(q, [a]) == 0.5
    assert score_answer(q, [a, b]) == 1.0


def test_true_false():
    q = question(bank(), QuestionKind.TRUE_FALSE, true_false_answer=False)

    assert score_answer(q, False) == 1.0
    assert score_answer(q, True) == 0.0
    assert score_answer(q, "false") == 0.0


def test_matching_scores_the_share_of_right_pairs():
    q = question(bank(), QuestionKind.MATCHING,
                 options=[("ТК РК", "трудовой договор"), ("Закон о статусе педагога", "нагрузка"),
                          ("Закон о профсоюзах", "членство")])
    x, y, z = ids(q)

    assert score_answer(q, {str(x): x, str(y): y, str(z): z}) == 1.0
    assert score_answer(q, {str(x): x, str(y): z, str(z): y}) == pytest.approx(1 / 3)
    assert score_answer(q, {}) == 0.0


def test_short_answer_ignores_case_and_spaces_in_russian_and_kazakh():
    q = question(bank(), QuestionKind.SHORT_ANSWER,
                 accepted_answers="Согласительная комиссия\nкелісім комиссиясы")

    assert score_answer(q, "  согласительная   КОМИССИЯ ") == 1.0
    assert score_answer(q, "Келісім  комиссиясы") == 1.0
    assert score_answer(q, "суд") == 0.0
    assert score_answer(q, "") == 0.0


def test_numeric_answer_within_tolerance_and_with_a_decimal_comma():
    q = question(bank(), QuestionKind.NUMERIC, numeric_answer=40, tolerance=0.5)

    assert score_answer(q, "40") == 1.0
    assert score_answer(q, "40,5") == 1.0
    assert score_answer(q, "39.4") == 0.0
    assert score_answer(q, "сорок") == 0.0
