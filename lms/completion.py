"""What a course needs, besides its required lessons, before it counts as complete.

Other apps register a requirement here (the quizzes app: "the post-test is passed"), so
``lms`` decides completion without importing them.
"""

_requirements = []


def completion_requirement(check):
    """Register ``check(enrolment)``: it returns None when met, or a sentence telling the
    learner what is still to do."""
    if check not in _requirements:
        _requirements.append(check)
    return check


def unmet_requirements(enrolment):
    return [reason for check in _requirements if (reason := check(enrolment))]
