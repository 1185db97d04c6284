"""What a course needs, besides its required lessons, before it counts as complete, the
grade kept when it completes, and what else an enrolment's result shows.

Other apps register here (the quizzes app: "the post-test is passed", "the best passed
post-test score", "the best post-test score", "take the post-test" once the lessons are
done), so ``lms`` decides completion, grades it, lists results and points the learner to
her next step without importing them.
"""

from .registry import Hooks
from .steps import as_step

_requirements = Hooks()
_grades = Hooks()
_result_annotations = Hooks()


def completion_requirement(check):
    """Register ``check(enrolment)``: it returns None when met, else what the learner
    still has to do: a sentence, or a ``lms.steps.NextStep`` that carries its button."""
    return _requirements.add(check)


def unmet_requirements(enrolment):
    """What the registered requirements still ask of the learner, as NextSteps."""
    return [as_step(reason) for check in _requirements if (reason := check(enrolment))]


def completion_grade(grade):
    """Register ``grade(enrolment)``: the score to keep on the enrolment when it completes
    (``Enrolment.final_score``, which the certificate prints), or None. The quizzes app
    gives the best passed post-test score."""
    return _grades.add(grade)


def final_score(enrolment):
    """The first score a registered grade gives for ``enrolment``, or None."""
    return _grades.first(enrolment)


def result_annotation(annotate):
    """Register ``annotate(enrolments)``: it returns the queryset with extra result fields
    (the quizzes app adds ``post_test_score``), computed by the database. For listing
    results ("My learning", reports); one enrolment's grade is ``final_score``."""
    return _result_annotations.add(annotate)


def with_results(enrolments):
    return _result_annotations.fold(enrolments)
