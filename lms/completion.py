"""What a course needs, besides its required lessons, before it counts as complete, and
what else an enrolment's result shows.

Other apps register here (the quizzes app: "the post-test is passed", "the best post-test
score"), so ``lms`` decides completion and lists results without importing them.
"""

_requirements = []
_result_annotations = []


def completion_requirement(check):
    """Register ``check(enrolment)``: it returns None when met, or a sentence telling the
    learner what is still to do."""
    if check not in _requirements:
        _requirements.append(check)
    return check


def unmet_requirements(enrolment):
    return [reason for check in _requirements if (reason := check(enrolment))]


def result_annotation(annotate):
    """Register ``annotate(enrolments)``: it returns the queryset with extra result fields
    (the quizzes app adds ``post_test_score``), computed by the database."""
    if annotate not in _result_annotations:
        _result_annotations.append(annotate)
    return annotate


def with_results(enrolments):
    for annotate in _result_annotations:
        enrolments = annotate(enrolments)
    return enrolments
