"""Double submission of one attempt from two connections at once, on PostgreSQL."""

import threading

import pytest
from django.db import connection

from lms import services as lms_services
from lms.models import Enrolment, User
from quizzes import services
from quizzes.models import Attempt, AttemptQuestion, Question, QuestionBank
from tests.lms.factories import UnionTree, catalogue_page, course, member
from tests.quizzes.factories import bank, quiz, single

pytestmark = pytest.mark.integration


def test_two_simultaneous_submissions_are_scored_once(django_db_blocker):
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        page = course(catalogue, modules=1, lessons=1)
        learner = member(tree.school_a)
        questions = bank("concurrency")
        for _ in range(5):
            single(questions)
        test = quiz(page, [questions], question_count=5)
        lms_services.enrol(learner, page)
        attempt = services.start_attempt(learner, test)
        results, errors = [], []
        barrier = threading.Barrier(2)

        def submit():
            try:
                barrier.wait()
                results.append(services.submit_attempt(Attempt.objects.get(pk=attempt.pk)))
            except Exception as error:  # reported below, not swallowed
                errors.append(error)
            finally:
                connection.close()

        try:
            threads = [threading.Thread(target=submit) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)

            assert errors == []
            assert len({r.submitted_at for r in results}) == 1
            assert AttemptQuestion.objects.filter(attempt=attempt, score__isnull=False).count() == 5
        finally:
            Attempt.objects.filter(quiz=test).delete()
            test.delete()
            Question.objects.filter(bank=questions).delete()
            QuestionBank.objects.filter(pk=questions.pk).delete()
            Enrolment.objects.filter(course=page).delete()
            catalogue.delete()
            User.objects.filter(profile__organisation__path__startswith=tree.root.path).delete()
            tree.root.delete()
