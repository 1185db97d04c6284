import pytest

from lms import services as lms_services
from lms.models import LearnerCategory
from tests.lms.factories import course, member


@pytest.fixture
def learner(union):
    return member(union.school_a, category=LearnerCategory.MEMBER, first_name="Әлия",
                  last_name="Құдайбергенова")


@pytest.fixture
def kazakh_course(catalogue):
    return course(catalogue, modules=1, lessons=2, language="kk", estimated_hours=16,
                  title="Кәсіподақ негіздері: ұжымдық шарт және еңбек қауіпсіздігі")


def learn(user, page):
    """Enrol ``user`` and finish every lesson, as the learner would; returns the enrolment."""
    enrolment = lms_services.enrol(user, page)
    for lesson in page.lessons():
        lms_services.complete_lesson(enrolment, lesson)
    enrolment.refresh_from_db()
    return enrolment


def complete(user, page):
    """``learn`` in a course with nothing else to do: the enrolment is complete."""
    enrolment = learn(user, page)
    assert enrolment.completed_at is not None
    return enrolment


@pytest.fixture
def completed(learner, kazakh_course, django_capture_on_commit_callbacks):
    """A completed enrolment whose certificate was issued by the (eager) task."""
    with django_capture_on_commit_callbacks(execute=True):
        return complete(learner, kazakh_course)
