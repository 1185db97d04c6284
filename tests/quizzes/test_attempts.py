import datetime
import random

import pytest
import time_machine
from django.utils import timezone, translation

from lms import services as lms_services
from lms.models import Enrolment, LearnerCategory
from quizzes import services
from quizzes.models import Attempt, Quiz
from tests.lms.factories import course, member
from tests.quizzes.factories import bank, quiz, single


@pytest.fixture
def learner(union):
    return member(union.school_a, category=LearnerCategory.MEMBER)


@pytest.fixture
def setup(catalogue, learner):
    page = course(catalogue, modules=1, lessons=1)
    questions = bank()
    for _ in range(12):
        single(questions)
    lms_services.enrol(learner, page)
    return page, questions


def answer_all(attempt, right=True):
    answers = {}
    for item in attempt.items.select_related("question"):
        options = {o.pk: o.fraction for o in item.question.options.all()}
        answers[item.position] = next(pk for pk, f in options.items() if (f > 0) == right)
    services.save_answers(attempt, answers)


def test_an_attempt_draws_n_questions_at_random_and_shuffles_options(setup, learner):
    page, questions = setup
    test = quiz(page, [questions], question_count=5)

    first = services.start_attempt(learner, test, rng=random.Random(1))
    services.submit_attempt(first)
    second = services.start_attempt(learner, test, rng=random.Random(2))

    drawn = [list(a.items.values_list("question_id", flat=True)) for a in (first, second)]
    assert [len(d) for d in drawn] == [5, 5] and drawn[0] != drawn[1]
    orders = [item.option_order for item in first.items.all()]
    natural = [sorted(order) for order in orders]
    assert any(order != nat for order, nat in zip(orders, natural, strict=True))


def test_only_enrolled_learners_start_a_test(setup, union):
    page, questions = setup
    stranger = member(union.school_b)

    with pytest.raises(services.AttemptRefused):
        services.start_attempt(stranger, quiz(page, [questions]))


def test_attempt_limit_is_enforced_on_the_server(setup, learner):
    page, questions = setup
    test = quiz(page, [questions], attempt_limit=2, question_count=3)

    for _ in range(2):
        services.submit_attempt(services.start_attempt(learner, test))

    with pytest.raises(services.AttemptRefused):
        services.start_attempt(learner, test)


def test_starting_twice_returns_the_same_open_attempt(setup, learner):
    page, questions = setup
    test = quiz(page, [questions], question_count=3)

    assert services.start_attempt(learner, test) == services.start_attempt(learner, test)
    assert Attempt.objects.count() == 1


def test_double_submission_is_counted_once(setup, learner):
    page, questions = setup
    test = quiz(page, [questions], question_count=4)
    attempt = services.start_attempt(learner, test)
    answer_all(attempt)

    first = services.submit_attempt(attempt)
    submitted_at = first.submitted_at
    again = services.submit_attempt(Attempt.objects.get(pk=attempt.pk))

    assert first.score == again.score == 100
    assert again.submitted_at == submitted_at


def test_answers_after_the_time_limit_are_refused_and_the_saved_ones_scored(setup, learner):
    page, questions = setup
    test = quiz(page, [questions], question_count=4, time_limit_minutes=10)
    start = timezone.now()
    attempt = services.start_attempt(learner, test, now=start)
    first_item = attempt.items.select_related("question").first()
    right = next(o.pk for o in first_item.question.options.all() if o.fraction > 0)
    services.save_answers(attempt, {first_item.position: right}, now=start)

    with pytest.raises(services.AttemptClosed):
        services.save_answers(attempt, {2: 1}, now=start + datetime.timedelta(minutes=11))

    attempt.refresh_from_db()
    assert attempt.submitted_at is not None
    assert attempt.score == 25


def test_beat_closes_attempts_whose_time_ran_out(setup, learner):
    page, questions = setup
    test = quiz(page, [questions], question_count=2, time_limit_minutes=5)
    attempt = services.start_attempt(learner, test)

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        assert services.close_expired_attempts() == 1

    attempt.refresh_from_db()
    assert attempt.submitted_at is not None and attempt.score == 0


def test_a_passed_post_test_completes_the_course_and_a_failed_one_does_not(
    setup, learner, django_capture_on_commit_callbacks
):
    page, questions = setup
    test = quiz(page, [questions], question_count=4, pass_mark=75)
    enrolment = Enrolment.objects.get(user=learner, course=page)
    lms_services.complete_lesson(enrolment, page.lessons().get())
    assert enrolment.completed_at is None
    with translation.override("en"):
        assert [step.text for step in lms_services.completion_blockers(enrolment)] == [
            "Pass the final test (pass mark 75%)."]

    failed = services.start_attempt(learner, test)
    answer_all(failed, right=False)
    services.submit_attempt(failed)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None

    passed = services.start_attempt(learner, test)
    answer_all(passed)
    services.submit_attempt(passed)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.final_score == 100  # kept by the update that completed it


def test_completing_the_last_lesson_after_the_post_test_keeps_its_best_passed_score(setup, learner):
    page, questions = setup
    test = quiz(page, [questions], question_count=4, pass_mark=75)
    enrolment = Enrolment.objects.get(user=learner, course=page)
    for right in (False, True):
        attempt = services.start_attempt(learner, test)
        answer_all(attempt, right=right)
        services.submit_attempt(attempt)
    enrolment.refresh_from_db()
    assert (enrolment.completed_at, enrolment.final_score) == (None, None)  # a lesson is left

    lms_services.complete_lesson(enrolment, page.lessons().get())

    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.final_score == 100


def test_a_pre_test_never_blocks_completion(setup, learner):
    page, questions = setup
    quiz(page, [questions], role=Quiz.Role.PRE)
    enrolment = Enrolment.objects.get(user=learner, course=page)

    lms_services.complete_lesson(enrolment, page.lessons().get())

    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.final_score is None  # no final test: no grade


def test_learning_gain_is_normalised():
    assert services.learning_gain(40, 70) == 50.0
    assert services.learning_gain(80, 60) == -100.0
    assert services.learning_gain(100, 100) is None
    assert services.learning_gain(None, 70) is None


def test_average_gain_per_course_and_category_is_computed_in_the_database(
    setup, learner, union, django_assert_max_num_queries
):
    page, questions = setup
    pre, post = quiz(page, [questions], role=Quiz.Role.PRE, question_count=4), quiz(
        page, [questions], question_count=4)
    other = member(union.school_b, category=LearnerCategory.ACTIVIST)
    lms_services.enrol(other, page)
    for user, pre_right, post_right in ((learner, False, True), (other, False, False)):
        for test, right in ((pre, pre_right), (post, post_right)):
            attempt = services.start_attempt(user, test)
            answer_all(attempt, right=right)
            services.submit_attempt(attempt)

    with django_assert_max_num_queries(1):
        rows = list(services.gain_by(Enrolment.objects.filter(course=page),
                                     "user__profile__category"))

    by_category = {row["user__profile__category"]: row["gain_avg"] for row in rows}
    assert by_category == {LearnerCategory.ACTIVIST: 0.0, LearnerCategory.MEMBER: 100.0}
    assert services.learner_scores(learner, page)[2] == 100.0


def test_my_learning_shows_the_best_post_test_score(client, setup, learner, django_assert_max_num_queries):
    page, questions = setup
    test = quiz(page, [questions], question_count=4)
    for right in (False, True):
        attempt = services.start_attempt(learner, test)
        answer_all(attempt, right=right)
        services.submit_attempt(attempt)
    client.force_login(learner)

    with django_assert_max_num_queries(11):
        response = client.get("/learning/")

    assert response.context["enrolments"][0].post_test_score == 100
    assert "100%" in response.content.decode()
