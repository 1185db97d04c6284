"""How one answer to one question is scored: a share of the question's credit, 0 to 1, or
None when a person has to grade it.

Answers come from the browser as plain JSON (an option id, a list of them, true/false, a
mapping of left option id to right option id, text); each question type in
``quizzes.question_types`` scores its own kind (with the readers of ``quizzes.answers``).
"""

from . import question_types


def score_answer(question, answer):
    """The share of credit (0.0 to 1.0) that ``answer`` earns on ``question``, or None when
    a person has to grade it. No answer earns nothing, whatever the kind."""
    if answer is None:
        return 0.0
    return question_types.get(question.kind).score(question, answer)
