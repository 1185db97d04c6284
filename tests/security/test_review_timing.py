"""Review timing: the result page of a failed attempt never shows the right answers while
the learner may still start another attempt (the next one draws mostly the same questions,
and they would pass by copying). Right answers and feedback appear only at the final
moment: no attempt left, the final test passed, or the test closed; and only if the trainer
set them to. Once the final moment has come, no attempt can be started."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lms import services as lms_services
from quizzes import services
from quizzes.models import Attempt, Quiz
from quizzes.question_types.builtin import QuestionKind
from tests.lms.factories import course, member
from tests.quizzes.factories import SHOW_EVERYTHING, bank, question, quiz

pytestmark = pytest.mark.django_db

QUESTION_FEEDBACK = "Пояснение-к-вопросу"
RIGHT_OPTION_FEEDBACK = "Пояснение-верного-варианта"
WRONG_OPTION_FEEDBACK = "Пояснение-неверного-варианта"


def _options(q):
    return {o.text_ru: o for o in q.options.all()}


def _choice(bank_, kind):
    q = question(bank_, kind, options=[("Согласительная комиссия", 1 if kind == "single" else 0.5),
                                       ("Профсоюзный комитет", 0 if kind == "single" else 0.5),
                                       ("Директор", 0 if kind == "single" else -1)],
                 feedback_ru=QUESTION_FEEDBACK)
    for option in q.options.all():
        option.feedback_ru = RIGHT_OPTION_FEEDBACK if option.fraction > 0 else WRONG_OPTION_FEEDBACK
        option.save()
    return q


# Each kind: how to make the question, a wrong answer and a right one (as the form would
# save them), and text only a right answer would put on the page.
KINDS = {
    QuestionKind.SINGLE: (
        lambda b: _choice(b, "single"),
        lambda q: _options(q)["Директор"].pk,
        lambda q: _options(q)["Согласительная комиссия"].pk,
        [],
    ),
    QuestionKind.MULTIPLE: (
        lambda b: _choice(b, "multiple"),
        lambda q: [_options(q)["Директор"].pk],
        lambda q: [_options(q)["Согласительная комиссия"].pk, _options(q)["Профсоюзный комитет"].pk],
        [],
    ),
    QuestionKind.TRUE_FALSE: (
        lambda b: question(b, QuestionKind.TRUE_FALSE, true_false_answer=True,
                           feedback_ru=QUESTION_FEEDBACK),
        lambda q: False,
        lambda q: True,
        ["True"],
    ),
    QuestionKind.MATCHING: (
        lambda b: question(b, QuestionKind.MATCHING, options=[("Кодекс", "договор"), ("Закон", "статус")],
                           feedback_ru=QUESTION_FEEDBACK),
        lambda q: {str(_options(q)["Кодекс"].pk): _options(q)["Закон"].pk,
                   str(_options(q)["Закон"].pk): _options(q)["Кодекс"].pk},
        lambda q: {str(o.pk): o.pk for o in q.options.all()},
        [],  # the pairs are checked by pattern: "Кодекс → договор", "Закон → статус"
    ),
    QuestionKind.SHORT_ANSWER: (
        lambda b: question(b, QuestionKind.SHORT_ANSWER, accepted_answers="медиация\nмедиатор",
                           feedback_ru=QUESTION_FEEDBACK),
        lambda q: "арбитраж",
        lambda q: "Медиация",
        ["медиация", "медиатор"],
    ),
    QuestionKind.NUMERIC: (
        lambda b: question(b, QuestionKind.NUMERIC, numeric_answer=1987.25, tolerance=0,
                           feedback_ru=QUESTION_FEEDBACK),
        lambda q: "2000",
        lambda q: "1987,25",
        ["1987"],
    ),
}
RIGHT_PAIRS = re.compile(r"Кодекс\s*→\s*договор|Закон\s*→\s*статус")
RIGHT_PAIR_SHOWN = re.compile(r"Right answer: (договор|статус)")


@pytest.fixture
def learner(union):
    user = member(union.school_a)
    user.profile.language = "en"
    user.profile.save()
    return user


@pytest.fixture
def page(catalogue, learner):
    page = course(catalogue, modules=1, lessons=1)
    lms_services.enrol(learner, page)
    return page


def post_test(page, kinds=tuple(KINDS), **fields):
    questions = bank()
    for kind in kinds:
        KINDS[kind][0](questions)
    return quiz(page, [questions], question_count=len(kinds), **fields)


def take(learner, test, right=False, **kwargs):
    """Start, answer every question rightly or wrongly, submit."""
    attempt = services.start_attempt(learner, test, **kwargs)
    answers = {}
    for item in attempt.items.select_related("question"):
        _make, wrong, good, _secrets = KINDS[item.question.kind]
        answers[item.position] = (good if right else wrong)(item.question)
    services.save_answers(attempt, answers, **kwargs)
    return services.submit_attempt(attempt, **kwargs)


def result_page(client, learner, attempt):
    client.force_login(learner)
    response = client.get(reverse("quizzes:result", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def assert_no_right_answer(html, kinds=tuple(KINDS)):
    assert "✓" not in html.replace("✓ Passed", "")
    assert "Right answer:" not in html
    assert not RIGHT_PAIRS.search(html)
    for kind in kinds:
        for secret in KINDS[kind][3]:
            assert secret not in html, (kind, secret)


def assert_no_feedback(html):
    for text in (QUESTION_FEEDBACK, RIGHT_OPTION_FEEDBACK, WRONG_OPTION_FEEDBACK):
        assert text not in html


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_failed_attempt_shows_no_right_answer_while_attempts_remain(client, page, learner, kind):
    test = post_test(page, [kind], attempt_limit=3)  # the review settings as they come

    attempt = take(learner, test)
    html = result_page(client, learner, attempt)

    assert attempt.passed is False
    assert_no_right_answer(html, [kind])
    assert_no_feedback(html)
    # The learner's own answers and the marks are shown right after the attempt.
    assert "0%" in html and "Not passed" in html
    assert "your choice" in html or "Your answer" in html
    assert ("Right answers and feedback will be shown once you pass the test or have no "
            "attempts left.") in html


def test_every_kind_at_once_leaks_nothing_and_the_attempts_list_agrees(client, page, learner):
    test = post_test(page, attempt_limit=3)

    first = take(learner, test)
    html = result_page(client, learner, first)
    attempts = client.get(reverse("quizzes:start", args=[test.pk])).content.decode()

    assert_no_right_answer(html)
    assert_no_feedback(html)
    assert "not passed" in attempts and "Start the test" in attempts


def test_right_answers_and_feedback_appear_once_the_test_is_passed(client, page, learner):
    test = post_test(page, attempt_limit=3)
    first = take(learner, test)

    second = take(learner, test, right=True)

    assert second.passed
    for attempt, chosen_feedback in ((first, WRONG_OPTION_FEEDBACK), (second, RIGHT_OPTION_FEEDBACK)):
        html = result_page(client, learner, attempt)
        assert "✓" in html and "Right answer:" in html and RIGHT_PAIR_SHOWN.search(html)
        assert "медиация" in html and "1987" in html
        assert QUESTION_FEEDBACK in html and chosen_feedback in html
        assert "will be shown" not in html
    # Seeing them is safe only because no attempt can follow a pass.
    with pytest.raises(services.AttemptRefused, match="already passed"):
        services.start_attempt(learner, test)
    assert "You have passed this test." in client.get(
        reverse("quizzes:start", args=[test.pk])).content.decode()


def test_right_answers_appear_once_no_attempt_is_left(client, page, learner):
    test = post_test(page, attempt_limit=2)
    first = take(learner, test)
    assert_no_right_answer(result_page(client, learner, first))

    take(learner, test)

    html = result_page(client, learner, first)
    assert "Right answer:" in html and "медиация" in html and QUESTION_FEEDBACK in html
    assert WRONG_OPTION_FEEDBACK in html  # the feedback of what the learner chose


def test_right_answers_appear_once_the_test_has_closed(client, page, learner):
    closes_at = timezone.now() + datetime.timedelta(days=2)
    test = post_test(page, attempt_limit=3, closes_at=closes_at)
    attempt = take(learner, test)

    html = result_page(client, learner, attempt)
    assert_no_right_answer(html)
    date = services.closing_time(test)
    assert ("Right answers and feedback will be shown once you pass the test, have no attempts "
            f"left or the test closes on {date}.") in html

    with time_machine.travel(closes_at + datetime.timedelta(minutes=1)):
        html = result_page(client, learner, attempt)
        with pytest.raises(services.AttemptRefused, match="closed"):
            services.start_attempt(learner, test)

    assert "Right answer:" in html and "медиация" in html and RIGHT_PAIR_SHOWN.search(html)


def test_with_final_right_answers_switched_off_they_never_appear(client, page, learner):
    test = post_test(page, attempt_limit=2, review_final_right_answers=False)

    first = take(learner, test)
    assert_no_right_answer(result_page(client, learner, first))
    second = take(learner, test)

    for attempt in (first, second):
        html = result_page(client, learner, attempt)
        assert_no_right_answer(html)
        assert QUESTION_FEEDBACK in html  # the final feedback is still on
    passed = post_test(course(page.get_parent(), modules=1, lessons=1), attempt_limit=3,
                       review_final_right_answers=False)
    lms_services.enrol(learner, passed.course)
    html = result_page(client, learner, take(learner, passed, right=True))
    # Only the learner's own (right) answers: no ✓ on an option, no "Right answer" line.
    assert "Passed" in html and "your choice" in html
    assert "✓" not in html.replace("✓ Passed", "") and "Right answer:" not in html


def test_an_attempt_started_after_the_test_closed_is_refused(client, page, learner):
    test = post_test(page, closes_at=timezone.now() - datetime.timedelta(minutes=1))

    with pytest.raises(services.AttemptRefused, match="closed"):
        services.start_attempt(learner, test)
    client.force_login(learner)
    response = client.post(reverse("quizzes:start", args=[test.pk]), follow=True)

    assert "This test closed on" in response.content.decode()
    assert "Start the test" not in response.content.decode()
    assert not Attempt.objects.filter(quiz=test).exists()


def test_an_attempt_in_progress_ends_when_the_test_closes(client, page, learner):
    test = post_test(page, time_limit_minutes=30)
    attempt = services.start_attempt(learner, test)
    # The trainer sets a closing time while the attempt runs.
    closes_at = timezone.now() + datetime.timedelta(minutes=10)
    Quiz.objects.filter(pk=test.pk).update(closes_at=closes_at)
    client.force_login(learner)

    assert services.closing_time(Quiz.objects.get(pk=test.pk)) in client.get(
        reverse("quizzes:take", args=[attempt.pk])).content.decode()  # "Submit before"
    after = closes_at + datetime.timedelta(minutes=1)
    attempt.refresh_from_db()
    with pytest.raises(services.AttemptClosed):
        services.save_answers(attempt, {1: "x"}, now=after)
    attempt.refresh_from_db()
    assert attempt.submitted_at == after


def test_beat_submits_the_attempts_still_open_when_the_test_closes(page, learner):
    test = post_test(page, closes_at=timezone.now() + datetime.timedelta(minutes=10))
    attempt = services.start_attempt(learner, test)

    assert services.close_expired_attempts(now=timezone.now()) == 0
    assert services.close_expired_attempts(now=test.closes_at) == 1
    attempt.refresh_from_db()
    assert attempt.submitted_at == test.closes_at


@pytest.mark.parametrize("role", [Quiz.Role.POST, Quiz.Role.PRE])
@pytest.mark.parametrize("attempt_limit", [None, 1, 2])
@pytest.mark.parametrize("closes_in_days", [None, 1])
def test_right_answers_are_never_shown_while_another_attempt_may_be_started(
    page, learner, role, attempt_limit, closes_in_days
):
    closes_at = timezone.now() + datetime.timedelta(days=closes_in_days) if closes_in_days else None
    test = post_test(page, [QuestionKind.SINGLE], role=role, attempt_limit=attempt_limit,
                     closes_at=closes_at, **SHOW_EVERYTHING)
    moments = [timezone.now()]
    if closes_at:
        moments.append(closes_at + datetime.timedelta(seconds=1))
    for right in (False, False, True):
        for now in moments:
            try:
                attempt = take(learner, test, right=right, now=now)
            except services.AttemptRefused:
                attempt = Attempt.objects.filter(quiz=test, user=learner).last()
            if attempt is None:
                continue
            policy = services.review_for(attempt, now=now)
            if policy.right_answers:
                assert policy.final
                with pytest.raises(services.AttemptRefused):
                    services.start_attempt(learner, test, now=now)


def test_an_attempt_still_running_keeps_the_right_answers_hidden(page, learner):
    test = post_test(page, [QuestionKind.SINGLE])
    passed = take(learner, test, right=True)
    # An attempt left open from before (a pass now refuses any new one).
    Attempt.objects.create(quiz=test, user=learner, number=2)

    policy = services.review_for(passed)

    assert not policy.final and not policy.right_answers


def test_the_page_names_only_what_will_be_shown_later(client, page, learner):
    test = post_test(page, attempt_limit=3, review_open_marks=False,
                     review_final_right_answers=False, review_final_feedback=False)

    html = result_page(client, learner, take(learner, test))

    assert "Marks will be shown once you pass the test or have no attempts left." in html
    assert "0%" not in html and "Not passed" not in html
    assert_no_right_answer(html)


@pytest.mark.parametrize("count", [1, 6])
def test_the_final_result_page_runs_a_bounded_number_of_queries(
    client, page, learner, django_assert_max_num_queries, count
):
    test = post_test(page, list(KINDS)[:count], attempt_limit=1)
    attempt = take(learner, test)
    client.force_login(learner)

    with django_assert_max_num_queries(12):
        html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    with django_assert_max_num_queries(12):
        client.get(reverse("quizzes:start", args=[test.pk]))

    assert "Right answer:" in html or "✓" in html


def test_a_pre_test_sharing_the_final_tests_bank_keeps_its_answers_until_the_final_test_is_over(
        client, page, learner):
    """The pre-test's one attempt is its final moment, but its questions are the final
    test's: their right answers wait until the final test is passed or out of attempts."""
    questions = bank()
    for kind in KINDS:
        KINDS[kind][0](questions)
    pre = quiz(page, [questions], role=Quiz.Role.PRE, question_count=len(KINDS), attempt_limit=1)
    final = quiz(page, [questions], question_count=len(KINDS), attempt_limit=3)

    diagnostic = take(learner, pre)
    before = result_page(client, learner, diagnostic)
    take(learner, final, right=True)
    after = result_page(client, learner, diagnostic)

    assert_no_right_answer(before)
    assert_no_feedback(before)
    assert "final test is behind you" in before
    assert "Right answer:" in after and QUESTION_FEEDBACK in after


def test_a_pre_test_with_its_own_bank_shows_its_answers_at_once(client, page, learner):
    pre = post_test(page, [QuestionKind.SHORT_ANSWER], role=Quiz.Role.PRE, attempt_limit=1)
    post_test(page, [QuestionKind.SHORT_ANSWER], attempt_limit=3)  # another bank

    html = result_page(client, learner, take(learner, pre))

    assert "Right answer:" in html
