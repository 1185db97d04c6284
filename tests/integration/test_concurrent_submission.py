"""Two requests at once for the same attempt, on PostgreSQL with separate connections."""

import threading
from dataclasses import dataclass

import pytest
from django.db import connection

from lms import services as lms_services
from lms.models import Enrolment, User
from quizzes import services
from quizzes.models import Attempt, AttemptQuestion, Question, QuestionBank
from tests.lms.factories import UnionTree, catalogue_page, course, member
from tests.quizzes.factories import bank, quiz, single

pytestmark = pytest.mark.integration


def run_at_once(work, times=2):
    """Run ``work`` in ``times`` threads released together; returns results and errors."""
    results, errors = [], []
    barrier = threading.Barrier(times)

    def one():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # reported by the caller, not swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=one) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


@dataclass
class Setting:
    page: object
    learner: object
    questions: object


@pytest.fixture
def committed(django_db_blocker):
    """An enrolled learner and a bank of five questions, committed so that other
    connections see them; removed afterwards."""
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        page = course(catalogue, modules=1, lessons=1)
        learner = member(tree.school_a)
        questions = bank("concurrency")
        for _ in range(5):
            single(questions)
        lms_services.enrol(learner, page)
        yield Setting(page, learner, questions)
        Attempt.objects.filter(quiz__course=page).delete()
        page.quizzes.all().delete()
        Question.objects.filter(bank=questions).delete()
        QuestionBank.objects.filter(pk=questions.pk).delete()
        Enrolment.objects.filter(course=page).delete()
        catalogue.delete()
        User.objects.filter(profile__organisation__path__startswith=tree.root.path).delete()
        tree.root.delete()


def test_two_simultaneous_starts_respect_an_attempt_limit_of_one(committed):
    test = quiz(committed.page, [committed.questions], question_count=3, attempt_limit=1)

    results, errors = run_at_once(lambda: services.start_attempt(committed.learner, test))

    assert errors == []
    assert len({attempt.pk for attempt in results}) == 1
    assert Attempt.objects.filter(quiz=test).count() == 1


def test_two_simultaneous_submissions_are_scored_once(committed):
    test = quiz(committed.page, [committed.questions], question_count=5)
    attempt = services.start_attempt(committed.learner, test)

    results, errors = run_at_once(
        lambda: services.submit_attempt(Attempt.objects.get(pk=attempt.pk))
    )

    assert errors == []
    assert len({r.submitted_at for r in results}) == 1
    assert AttemptQuestion.objects.filter(attempt=attempt, score__isnull=False).count() == 5
