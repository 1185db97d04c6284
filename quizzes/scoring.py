"""How one answer to one question is scored: a share of the question's credit, 0 to 1.

Answers come from the browser as plain JSON: an option id (single choice), a list of
option ids (multiple choice), true/false, a mapping of left option id to right option id
(matching), or text (short answer, numeric).
"""

from .models import QuestionKind


def normalise(text):
    """Case and spacing do not matter in short answers."""
    return " ".join(str(text).split()).casefold()


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _single(question, answer):
    chosen = _as_int(answer)
    fraction = next((o.fraction for o in question.options.all() if o.pk == chosen), 0)
    return min(max(fraction, 0.0), 1.0)


def _multiple(question, answer):
    """Each right option earns its share of the credit; each wrong one chosen takes a share
    away (its own negative credit, or one right option's worth if none is set), so that
    ticking everything earns nothing."""
    options = list(question.options.all())
    right_total = sum(o.fraction for o in options if o.fraction > 0) or 1.0
    right_count = sum(1 for o in options if o.fraction > 0) or 1
    chosen = {_as_int(value) for value in (answer if isinstance(answer, list) else [])}
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


def _true_false(question, answer):
    return 1.0 if isinstance(answer, bool) and answer == question.true_false_answer else 0.0


def _matching(question, answer):
    options = list(question.options.all())
    if not options or not isinstance(answer, dict):
        return 0.0
    right = sum(1 for o in options if _as_int(answer.get(str(o.pk))) == o.pk)
    return right / len(options)


def _short_answer(question, answer):
    if not isinstance(answer, str) or not answer.strip():
        return 0.0
    return 1.0 if normalise(answer) in {normalise(a) for a in question.accepted_list()} else 0.0


def _numeric(question, answer):
    try:
        value = float(str(answer).strip().replace(",", ".").replace(" ", ""))
    except ValueError:
        return 0.0
    if question.numeric_answer is None:
        return 0.0
    return 1.0 if abs(value - question.numeric_answer) <= question.tolerance + 1e-9 else 0.0


SCORERS = {
    QuestionKind.SINGLE: _single,
    QuestionKind.MULTIPLE: _multiple,
    QuestionKind.TRUE_FALSE: _true_false,
    QuestionKind.MATCHING: _matching,
    QuestionKind.SHORT_ANSWER: _short_answer,
    QuestionKind.NUMERIC: _numeric,
}


def score_answer(question, answer):
    """The share of credit (0.0 to 1.0) that ``answer`` earns on ``question``."""
    if answer is None:
        return 0.0
    return SCORERS[question.kind](question, answer)
