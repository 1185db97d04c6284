"""An attempt with an essay waits for a trainer: its score, pass or fail, the course
completion and the certificate are decided when the essay is graded, through the same
code as an automatic submission, and once only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from essays import services
from essays.models import EssayGrade
from lms import services as lms_services
from lms.roles import Role
from notifications.reminders.courses import post_test_pending
from quizzes import services as quiz_services
from quizzes.models import Attempt
from quizzes.question_types.builtin import QuestionKind
from tests.content.factories import with_role
from tests.lms.factories import course, member
from tests.quizzes.factories import SHOW_EVERYTHING, bank, quiz, single

from .factories import essay, learn, submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ESSAY_TEXT = "Сначала стороны ведут переговоры,\nзатем подписывают договор."


@pytest.fixture
def learner(union):
    user = member(union.school_a)
    user.profile.language = "en"
    user.profile.save()
    return user


@pytest.fixture
def trainer():
    return with_role(Role.TRAINER)


@pytest.fixture
def page(catalogue):
    return course(catalogue, modules=1, lessons=1)


@pytest.fixture
def post_test(page):
    """A final test of one single-choice question and one essay, pass mark 70%."""
    questions = bank()
    single(questions)
    essay(questions)
    return quiz(page, [questions], question_count=2, pass_mark=70, **SHOW_EVERYTHING)


def answer(right=True, text=ESSAY_TEXT):
    def answers(item):
        if item.question.kind == "essay":
            return text
        return next(o.pk for o in item.question.options.all() if (o.fraction > 0) == right)
    return answers


def test_an_attempt_with_an_essay_is_submitted_waiting_for_grading(learner, page, post_test):
    enrolment = learn(learner, page)

    attempt = submitted(learner, post_test, answer())

    assert attempt.submitted_at is not None and attempt.awaits_grading
    assert (attempt.score, attempt.passed) == (None, None)
    essay_item = attempt.items.get(question__kind="essay")
    assert (essay_item.answer, essay_item.score) == (ESSAY_TEXT, None)
    assert attempt.items.get(question__kind=QuestionKind.SINGLE).score == 1.0
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert [step.text for step in lms_services.completion_blockers(enrolment)] == [
        "Your final test is waiting for a trainer to grade it."]
    assert list(services.waiting_essays()) == [essay_item]


def test_no_other_attempt_starts_while_one_waits_for_grading(learner, page, post_test):
    learn(learner, page)
    submitted(learner, post_test, answer(right=False))

    with pytest.raises(quiz_services.AttemptRefused, match="waiting for a trainer"):
        quiz_services.start_attempt(learner, post_test)


def test_an_empty_essay_earns_nothing_and_does_not_wait(learner, page, post_test):
    learn(learner, page)

    attempt = submitted(learner, post_test, answer(text=None))

    assert not attempt.awaits_grading
    assert (attempt.score, attempt.passed) == (50, False)
    assert not services.waiting_essays().exists()


def test_grading_concludes_the_attempt_and_completion_and_certificate_follow(
    learner, page, post_test, trainer, django_capture_on_commit_callbacks
):
    enrolment = learn(learner, page)
    attempt = submitted(learner, post_test, answer())
    item = services.waiting_essays().get()

    with django_capture_on_commit_callbacks(execute=True):
        services.grade_essay(item, 6, "Хорошо, но без примеров.", trainer)

    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (80, True)  # (1 + 0.6) / 2
    assert not attempt.awaits_grading
    item.refresh_from_db()
    assert item.score == 0.6
    grade = EssayGrade.objects.get(item=item)
    assert (grade.marks, grade.comment, grade.graded_by) == (6, "Хорошо, но без примеров.", trainer)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert quiz_services.learner_scores(learner, page)[1] == 80
    assert not services.waiting_essays().exists()


def test_a_low_grade_fails_the_attempt_and_another_may_be_started(learner, page, post_test, trainer):
    enrolment = learn(learner, page)
    submitted(learner, post_test, answer())

    attempt = services.grade_essay(services.waiting_essays().get(), 2, "", trainer)

    assert (attempt.score, attempt.passed) == (60, False)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert quiz_services.start_attempt(learner, post_test).number == 2


def test_an_attempt_with_two_essays_waits_until_both_are_graded(learner, page, trainer):
    questions = bank()
    essay(questions)
    essay(questions, text="Зачем нужен профсоюзный комитет?")
    test = quiz(page, [questions], question_count=2)
    enrolment = learn(learner, page)
    attempt = submitted(learner, test, answer())
    first, second = services.waiting_essays()

    services.grade_essay(first, 10, "", trainer)
    attempt.refresh_from_db()
    assert attempt.awaits_grading and enrolment.completed_at is None

    services.grade_essay(second, 5, "", trainer)
    attempt.refresh_from_db()
    enrolment.refresh_from_db()
    assert (attempt.score, attempt.passed) == (75, True)
    assert enrolment.completed_at is not None


def test_grading_twice_changes_nothing_and_completes_once(
    learner, page, post_test, trainer, django_capture_on_commit_callbacks
):
    enrolment = learn(learner, page)
    submitted(learner, post_test, answer())
    item = services.waiting_essays().get()
    other = with_role(Role.METHODOLOGIST)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.grade_essay(item, 8, "Первая оценка", trainer)
        with pytest.raises(services.AlreadyGraded):
            services.grade_essay(item, 1, "Вторая оценка", other)
        with pytest.raises(services.AlreadyGraded):
            quiz_services.grade_answer(item.pk, 0.0)

    attempt = Attempt.objects.get(user=learner)
    assert (attempt.score, attempt.passed) == (90, True)
    assert [(g.marks, g.graded_by) for g in EssayGrade.objects.all()] == [(8, trainer)]
    # One attempt_scored and one enrolment_completed, hence one certificate, whose
    # certificate_issued follows.
    assert len(callbacks) == 3
    assert Certificate.objects.filter(enrolment__user=learner).count() == 1
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_marks_outside_the_scale_and_answers_of_other_kinds_are_refused(learner, page, post_test, trainer):
    learn(learner, page)
    attempt = submitted(learner, post_test, answer())
    item = services.waiting_essays().get()
    choice = attempt.items.get(question__kind=QuestionKind.SINGLE)

    with pytest.raises(ValueError):
        services.grade_essay(item, 11, "", trainer)
    with pytest.raises(ValueError):
        services.grade_essay(choice, 5, "", trainer)
    with pytest.raises(quiz_services.AlreadyGraded):
        quiz_services.grade_answer(choice.pk, 0.5)

    attempt.refresh_from_db()
    assert attempt.awaits_grading and not EssayGrade.objects.exists()


def test_the_result_page_says_the_attempt_waits_then_shows_grade_and_comment(
    client, learner, page, post_test, trainer
):
    learn(learner, page)
    attempt = submitted(learner, post_test, answer())
    client.force_login(learner)
    url = reverse("quizzes:result", args=[attempt.pk])

    waiting = client.get(url).content.decode()
    attempts = client.get(reverse("quizzes:start", args=[post_test.pk])).content.decode()
    services.grade_essay(services.waiting_essays().get(), 7.5, "Нужны примеры из практики.", trainer)
    graded = client.get(url).content.decode()

    assert "A trainer still has to grade some of your answers" in waiting
    assert "A trainer has still to grade this answer." in waiting
    assert "Сначала стороны ведут переговоры,<br>затем подписывают договор." in waiting
    assert 'class="score"' not in waiting and "Not passed" not in waiting
    assert "waiting for a trainer's grade" in attempts and "not passed" not in attempts
    assert "88%" in graded and "Passed" in graded  # (1 + 0.75) / 2
    assert "Grade: 7.5 of 10" in graded
    assert "Нужны примеры из практики." in graded
    assert "still to grade" not in graded


def test_no_reminder_to_pass_the_final_test_while_it_waits_for_grading(learner, page, post_test, trainer):
    learn(learner, page)
    submitted(learner, post_test, answer())
    later = timezone.now() + datetime.timedelta(days=2)

    waiting = list(post_test_pending(later))
    services.grade_essay(services.waiting_essays().get(), 2, "", trainer)  # 60%: not passed

    assert waiting == []
    assert [e.user for e in post_test_pending(later)] == [learner]
