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
from tests.quizzes.factories import SHOW_NOTHING, bank, question, quiz, single


@pytest.fixture
def learner(union):
    return member(union.school_a)


@pytest.fixture
def page(catalogue, learner):
    page = course(catalogue, modules=1, lessons=1)
    lms_services.enrol(learner, page)
    return page


def every_kind(questions):
    single(questions, right="Согласительная комиссия")
    question(questions, QuestionKind.MULTIPLE, options=[("a", 0.5), ("b", 0.5), ("c", -1)])
    question(questions, QuestionKind.TRUE_FALSE, true_false_answer=True)
    question(questions, QuestionKind.MATCHING, options=[("ТК", "договор"), ("Закон", "статус")])
    question(questions, QuestionKind.SHORT_ANSWER, accepted_answers="медиация\nмедиатор")
    question(questions, QuestionKind.NUMERIC, numeric_answer=1987.25, tolerance=0)


def start(client, test):
    response = client.post(reverse("quizzes:start", args=[test.pk]))
    return Attempt.objects.get(pk=int(re.search(r"/attempts/(\d+)/", response.url).group(1)))


def test_the_page_of_an_open_attempt_holds_no_answer_key(client, page, learner):
    questions = bank()
    every_kind(questions)
    test = quiz(page, [questions], question_count=6)
    client.force_login(learner)
    attempt = start(client, test)

    html = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()

    start_page = client.get(reverse("quizzes:start", args=[test.pk])).content.decode()
    autosave = client.post(reverse("quizzes:take", args=[attempt.pk]),
                           {"positions": ["1"], "action": "autosave"}).content.decode()
    for secret in ("медиация", "медиатор", "1987", "fraction", "correct"):
        for response in (html, start_page, autosave):
            assert secret not in response
    # Choices are sent as positions in this attempt's shuffled order, not option ids
    # (ids follow creation order, and the right answer is often created first).
    choices = re.findall(r'type="(?:radio|checkbox)" name="q\d+" value="([^"]*)"', html)
    # Matching: one group of radio buttons per left-hand item, valued by position too.
    pairs = re.findall(r'type="radio" name="q\d+-\d+" value="([^"]*)"', html)
    assert len(choices) == 3 + 3 + 2 and len(pairs) == 2 * 2
    assert set(choices) <= {"0", "1", "2", "true", "false"} and set(pairs) <= {"0", "1"}
    assert max(pk for pk in attempt.items.values_list("question__options__pk", flat=True) if pk) > 2


def test_learner_answers_every_kind_and_the_server_scores_it(client, page, learner):
    questions = bank()
    every_kind(questions)
    test = quiz(page, [questions], question_count=6)
    client.force_login(learner)
    attempt = start(client, test)
    form = {"positions": [], "action": "submit"}
    for item in attempt.items.select_related("question"):
        q, name = item.question, f"q{item.position}"
        form["positions"].append(item.position)
        order = item.option_order
        fractions = {o.pk: o.fraction for o in q.options.all()}
        if q.kind == QuestionKind.SINGLE:
            form[name] = str(next(i for i, pk in enumerate(order) if fractions[pk] > 0))
        elif q.kind == QuestionKind.MULTIPLE:
            form[name] = [str(i) for i, pk in enumerate(order) if fractions[pk] > 0]
        elif q.kind == QuestionKind.TRUE_FALSE:
            form[name] = "true"
        elif q.kind == QuestionKind.MATCHING:
            for n, left in enumerate(order):
                form[f"{name}-{n}"] = str(item.match_order.index(left))
        elif q.kind == QuestionKind.SHORT_ANSWER:
            form[name] = "  Медиация "
        else:
            form[name] = "1987,25"

    response = client.post(reverse("quizzes:take", args=[attempt.pk]), form)

    attempt.refresh_from_db()
    assert response.url == reverse("quizzes:result", args=[attempt.pk])
    assert attempt.score == 100 and attempt.passed
    result = client.get(response.url).content.decode()
    assert "100%" in result


def test_a_second_submit_changes_nothing(client, page, learner):
    questions = bank()
    for _ in range(3):
        single(questions)
    test = quiz(page, [questions], question_count=3)
    client.force_login(learner)
    attempt = start(client, test)
    url = reverse("quizzes:take", args=[attempt.pk])

    client.post(url, {"positions": ["1"], "q1": "0", "action": "submit", "confirmed": "1"})
    attempt.refresh_from_db()
    first = (attempt.score, attempt.submitted_at)
    second = client.post(url, {"positions": ["1", "2", "3"], "q1": "1", "q2": "1", "q3": "1",
                               "action": "submit"})

    attempt.refresh_from_db()
    assert (attempt.score, attempt.submitted_at) == first
    assert second.url == reverse("quizzes:result", args=[attempt.pk])


def test_autosave_keeps_answers_as_the_learner_goes(client, page, learner):
    questions = bank()
    single(questions)
    test = quiz(page, [questions], question_count=1, layout=Quiz.Layout.ONE_PER_PAGE)
    client.force_login(learner)
    attempt = start(client, test)

    response = client.post(reverse("quizzes:take", args=[attempt.pk]),
                           {"positions": ["1"], "q1": "2", "action": "autosave"})

    item = attempt.items.get()
    assert response.json() == {"saved": True}
    assert item.answer == item.option_order[2]
    assert 'value="2" checked' in client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()


def test_an_expired_attempt_is_submitted_when_opened(client, page, learner):
    questions = bank()
    single(questions)
    test = quiz(page, [questions], question_count=1, time_limit_minutes=1)
    client.force_login(learner)
    attempt = start(client, test)

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        response = client.get(reverse("quizzes:take", args=[attempt.pk]))

    attempt.refresh_from_db()
    assert response.url == reverse("quizzes:result", args=[attempt.pk])
    assert attempt.submitted_at is not None


@pytest.mark.parametrize("view", ["quizzes:take", "quizzes:result"])
def test_no_one_opens_another_learners_attempt(client, page, learner, union, view):
    questions = bank()
    single(questions)
    attempt = services.start_attempt(learner, quiz(page, [questions], question_count=1))
    if view == "quizzes:result":
        services.submit_attempt(attempt)
    client.force_login(member(union.school_a))

    assert client.get(reverse(view, args=[attempt.pk])).status_code == 404


@pytest.mark.parametrize("attempt_limit", [None, 1])
def test_review_set_to_show_nothing_hides_the_score(client, page, learner, attempt_limit):
    questions = bank()
    single(questions)
    test = quiz(page, [questions], question_count=1, attempt_limit=attempt_limit,
                **SHOW_NOTHING)
    client.force_login(learner)
    attempt = start(client, test)
    services.submit_attempt(attempt)

    response = client.get(reverse("quizzes:result", args=[attempt.pk]))

    assert response.context["policy"].final is (attempt_limit == 1)
    assert response.context["show_score"] is False and response.context["review"] == []
    attempts = client.get(reverse("quizzes:start", args=[test.pk])).content.decode()
    assert "<span>0%" not in attempts and "not passed" not in attempts


@pytest.mark.parametrize("count", [3, 15])
def test_test_pages_run_a_bounded_number_of_queries(
    client, page, learner, django_assert_max_num_queries, count
):
    questions = bank()
    every_kind(questions)
    for _ in range(count):
        single(questions)
    test = quiz(page, [questions], question_count=count)
    client.force_login(learner)
    attempt = start(client, test)
    services.submit_attempt(attempt)
    second = start(client, test)

    for url in (reverse("quizzes:take", args=[second.pk]),
                reverse("quizzes:result", args=[attempt.pk]),
                reverse("quizzes:start", args=[test.pk])):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200, url

    positions = [str(n) for n in range(1, count + 1)]
    form = {"positions": positions, **{f"q{n}": "0" for n in positions}}
    with django_assert_max_num_queries(14):
        client.post(reverse("quizzes:take", args=[second.pk]), {**form, "action": "save"})
    with django_assert_max_num_queries(24):
        client.post(reverse("quizzes:take", args=[second.pk]),
                    {**form, "action": "submit", "confirmed": "1"})
    second.refresh_from_db()
    assert second.submitted_at is not None
