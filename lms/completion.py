"""What a course needs, besides its required lessons, before it counts as complete, the
grade kept when it completes, and what else an enrolment's result shows.

Other apps register here (the quizzes app: "the post-test is passed", "the best passed
post-test score", "the best post-test score", "take the post-test" once the lessons are
done), so ``lms`` decides completion, grades it, lists results and points the learner to
her next step without importing them.
"""

from dataclasses import dataclass

_requirements = []
_grades = []
_result_annotations = []


def completion_requirement(check):
    """Register ``check(enrolment)``: it returns None when met, or a sentence telling the
    learner what is still to do."""
    if check not in _requirements:
        _requirements.append(check)
    return check


def unmet_requirements(enrolment):
    return [reason for check in _requirements if (reason := check(enrolment))]


def completion_grade(grade):
    """Register ``grade(enrolment)``: the score to keep on the enrolment when it completes
    (``Enrolment.final_score``, which the certificate prints), or None. The quizzes app
    gives the best passed post-test score."""
    if grade not in _grades:
        _grades.append(grade)
    return grade


def final_score(enrolment):
    """The first score a registered grade gives for ``enrolment``, or None."""
    return next((score for grade in _grades if (score := grade(enrolment)) is not None), None)


def result_annotation(annotate):
    """Register ``annotate(enrolments)``: it returns the queryset with extra result fields
    (the quizzes app adds ``post_test_score``), computed by the database. For listing
    results ("My learning", reports); one enrolment's grade is ``final_score``."""
    if annotate not in _result_annotations:
        _result_annotations.append(annotate)
    return annotate


def with_results(enrolments):
    for annotate in _result_annotations:
        enrolments = annotate(enrolments)
    return enrolments


# --- What to do once the lessons are done ----------------------------------------------

_steps_after_lessons = []


@dataclass(frozen=True)
class Step:
    """Where a learner goes next: the page's address and what it is, for the button, with
    the language of that title when it is the course's own (for ``lang_attr``)."""

    url: str
    title: str
    language: str = ""


def step_after_lessons(annotate, step):
    """Register what a learner does once every lesson is done and the course is not yet
    complete (the quizzes app: take the post-test). ``annotate(enrolments)`` adds in SQL the
    fields ``step(enrolment)`` reads; ``step`` returns a ``Step`` or None, without a query,
    so "My learning" stays one query whatever the number of courses."""
    if (annotate, step) not in _steps_after_lessons:
        _steps_after_lessons.append((annotate, step))


def with_steps_after_lessons(enrolments):
    for annotate, _step in _steps_after_lessons:
        enrolments = annotate(enrolments)
    return enrolments


def next_step_after_lessons(enrolment):
    """The first registered step ``enrolment`` still has to take, or None."""
    return next((found for _annotate, step in _steps_after_lessons
                 if (found := step(enrolment)) is not None), None)
