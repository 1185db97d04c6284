"""The attempt page's aids on the server side: the question navigator, the countdown's
starting point, and the question asked before submitting with unanswered questions (the
page's own answer to "Submit anyway?" when there is no script)."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lms import services as lms_services
from quizzes import services
from quizzes.models import Quiz
from quizzes.question_types.builtin import QuestionKind
from tests.lms.factories import course, member
from tests.quizzes.factories import bank, question, quiz, single

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def learner(english, union):
    return member(union.school_a)


@pytest.fixture
def page(catalogue, learner):
    page = course(catalogue, modules=1, lessons=1)
    lms_services.enrol(learner, page)
    return page


def three_singles(page, **fields):
    questions = bank()
    for _ in range(3):
        single(questions)
    return quiz(page, [questions], question_count=3, **fields)


def open_attempt(client, learner, test):
    client.force_login(learner)
    attempt = services.start_attempt(learner, test)
    return attempt, reverse("quizzes:take", args=[attempt.pk])


def navigator(html):
    """(number, "answered" or "not answered") of each navigator button, in order."""
    return [(int(number), state) for number, state in re.findall(
        r'class="question-nav-item[^"]*" data-position="(\d+)".*?<span class="state">([^<]*)</span>',
        html, re.S)]


def first_submit_button(html):
    form = html[html.index('class="quiz-form"'):]
    return re.search(r'<button type="submit" name="(\w+)" value="([^"]*)"', form).groups()


def test_a_submit_with_unanswered_questions_asks_first_and_submits_once_confirmed(
    client, page, learner
):
    attempt, url = open_attempt(client, learner, three_singles(page))

    asked = client.post(url, {"positions": ["1", "2", "3"], "q1": "0", "action": "submit"})

    attempt.refresh_from_db()
    assert asked.url == f"{url}?confirm=1"
    assert attempt.is_open
    assert attempt.items.get(position=1).answer is not None  # the answer given is kept
    html = client.get(asked.url).content.decode()
    assert "You have not answered 2 of 3 questions." in html and "Submit anyway?" in html
    assert '<input type="hidden" name="confirmed" value="1">' in html
    assert 'href="#question-2"' in html  # "Back to the questions": the first unanswered
    # Enter in a text field must not submit the test on this page either.
    assert first_submit_button(html) == ("action", "save")

    submitted = client.post(url, {"positions": ["1", "2", "3"], "q1": "0", "action": "submit",
                                  "confirmed": "1"})

    attempt.refresh_from_db()
    assert submitted.url == reverse("quizzes:result", args=[attempt.pk])
    assert attempt.submitted_at is not None


def test_a_test_answered_in_full_is_submitted_without_a_question(client, page, learner):
    attempt, url = open_attempt(client, learner, three_singles(page))

    response = client.post(url, {"positions": ["1", "2", "3"], "q1": "0", "q2": "1", "q3": "2",
                                 "action": "submit"})

    attempt.refresh_from_db()
    assert response.url == reverse("quizzes:result", args=[attempt.pk])
    assert attempt.submitted_at is not None


def test_nothing_is_asked_when_everything_is_answered_after_all(client, page, learner):
    attempt, url = open_attempt(client, learner, three_singles(page))
    client.post(url, {"positions": ["1", "2", "3"], "q1": "0", "q2": "1", "q3": "2",
                      "action": "autosave"})

    html = client.get(f"{url}?confirm=1").content.decode()

    assert "submit-confirm-box" not in html and 'name="confirmed"' not in html


def test_the_time_limit_is_not_held_back_by_the_question(client, page, learner):
    attempt, url = open_attempt(client, learner, three_singles(page, time_limit_minutes=10))
    later = timezone.now() + datetime.timedelta(minutes=11)

    with time_machine.travel(later):
        response = client.post(url, {"positions": ["1", "2", "3"], "action": "submit"})

    attempt.refresh_from_db()
    assert response.url == reverse("quizzes:result", args=[attempt.pk])
    assert attempt.submitted_at is not None


def test_an_expired_attempt_opened_at_the_question_is_submitted(client, page, learner):
    attempt, url = open_attempt(client, learner, three_singles(page, time_limit_minutes=10))

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        response = client.get(f"{url}?confirm=1")

    attempt.refresh_from_db()
    assert response.url == reverse("quizzes:result", args=[attempt.pk])
    assert attempt.submitted_at is not None


def test_one_question_per_screen_asks_on_the_last_screen_and_goes_back_to_the_first_gap(
    client, page, learner
):
    attempt, url = open_attempt(client, learner,
                                three_singles(page, layout=Quiz.Layout.ONE_PER_PAGE))
    client.post(url, {"positions": ["1"], "q1": "0", "goto": "2"})

    asked = client.post(url, {"positions": ["3"], "q3": "1", "action": "submit"})

    assert asked.url == f"{url}?confirm=1&q=3"
    html = client.get(asked.url).content.decode()
    assert "You have not answered 1 of 3 questions." in html
    assert '<button type="submit" name="goto" value="2" class="secondary">' in html
    assert navigator(html) == [(1, "answered"), (2, "not answered"), (3, "answered")]
    assert 'data-position="3" aria-current="step"' in html
    # Enter on the last screen saves and stays; on the others it goes on.
    assert first_submit_button(html) == ("goto", "3")
    assert first_submit_button(client.get(f"{url}?q=1").content.decode()) == ("goto", "2")


def test_the_navigator_shows_what_is_answered_after_a_reload(client, page, learner):
    questions = bank()
    single(questions)
    single(questions)
    question(questions, QuestionKind.MATCHING,
             options=[("Трудовой кодекс", "договор"), ("Закон о профсоюзах", "статус")])
    attempt, url = open_attempt(client, learner, quiz(page, [questions], question_count=3))
    matching = attempt.items.get(question__kind=QuestionKind.MATCHING).position
    first_single = min({1, 2, 3} - {matching})
    # One pair of two: the matching question is not answered yet.
    client.post(url, {"positions": ["1", "2", "3"], f"q{first_single}": "1",
                      f"q{matching}-0": "0", "action": "autosave"})

    html = client.get(url).content.decode()

    answered = {first_single}
    assert navigator(html) == [(n, "answered" if n in answered else "not answered")
                               for n in (1, 2, 3)]
    assert "Answered: 1 of 3" in html
    assert f'href="#question-{first_single}"' in html and f'id="question-{first_single}"' in html

    client.post(url, {"positions": ["1", "2", "3"], f"q{first_single}": "1",
                      f"q{matching}-0": "0", f"q{matching}-1": "1", "action": "autosave"})

    html = client.get(url).content.decode()
    answered = {first_single, matching}
    assert navigator(html) == [(n, "answered" if n in answered else "not answered")
                               for n in (1, 2, 3)]
    assert "Answered: 2 of 3" in html


def test_the_countdown_starts_from_the_servers_expiry_time(client, page, learner):
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        attempt, url = open_attempt(client, learner, three_singles(page, time_limit_minutes=30))
    expires = timezone.localtime(attempt.expires_at).isoformat()

    with time_machine.travel(start + datetime.timedelta(minutes=12, seconds=30), tick=False):
        html = client.get(url).content.decode()

    assert f'data-ends-at="{expires}" data-seconds-left="1050"' in html
    assert "Submit before" in html  # without a script, the time as text


def test_a_test_without_a_time_limit_has_no_countdown(client, page, learner):
    _attempt, url = open_attempt(client, learner, three_singles(page))

    html = client.get(url).content.decode()

    assert "data-seconds-left" not in html and "Submit before" not in html
