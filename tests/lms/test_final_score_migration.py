"""lms 0005 fills ``Enrolment.final_score`` of the enrolments completed before completion
kept it: the best score of the learner's passed attempts at the course's post-test."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone

from lms.models import Enrolment
from quizzes.models import Attempt, Quiz
from tests.lms.factories import course, member
from tests.quizzes.factories import bank, quiz

pytestmark = pytest.mark.django_db

fill_final_scores = importlib.import_module("lms.migrations.0005_enrolment_final_score").fill_final_scores


def attempt(test, user, number, score, passed, submitted=True):
    return Attempt.objects.create(
        quiz=test, user=user, number=number, score=score, passed=passed,
        submitted_at=timezone.now() if submitted else None,
    )


def test_completed_enrolments_get_their_best_passed_post_test_score(union, catalogue):
    page, other_page = course(catalogue), course(catalogue)
    post, pre = quiz(page, [bank()]), quiz(page, [bank()], role=Quiz.Role.PRE)
    other_post = quiz(other_page, [bank()])
    done, unfinished, kept, no_test = (member(union.school_a) for _ in range(4))
    now = timezone.now()
    rows = {
        "done": Enrolment.objects.create(user=done, course=page, completed_at=now),
        "unfinished": Enrolment.objects.create(user=unfinished, course=page),
        "kept": Enrolment.objects.create(user=kept, course=page, completed_at=now,
                                         final_score=Decimal("70")),
        "no_test": Enrolment.objects.create(user=no_test, course=other_page, completed_at=now),
    }
    attempt(post, done, 1, 95, passed=False)  # failed under a pass mark since lowered
    attempt(post, done, 2, 80, passed=True)
    attempt(post, done, 3, 85, passed=True)
    attempt(pre, done, 1, 100, passed=True)  # the pre-test does not grade the course
    attempt(other_post, done, 1, 99, passed=True)  # nor another course's test
    attempt(post, unfinished, 1, 90, passed=True)
    attempt(post, kept, 1, 90, passed=True)

    fill_final_scores(apps, None)

    scores = {name: Enrolment.objects.get(pk=row.pk).final_score for name, row in rows.items()}
    assert scores == {"done": Decimal("85"), "unfinished": None, "kept": Decimal("70"), "no_test": None}
