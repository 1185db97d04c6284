"""The learner writes an essay on the attempt page: a text box whose answer is kept in the
attempt, as other answers are, up to the length limit."""

import pytest
from django.urls import reverse

from essays.question_type import MAX_LENGTH
from lms import services as lms_services
from quizzes.models import Attempt
from tests.lms.factories import course, member
from tests.quizzes.factories import bank, quiz

from .factories import essay

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def attempt(client, union, catalogue):
    learner = member(union.school_a)
    page = course(catalogue, modules=1, lessons=1)
    lms_services.enrol(learner, page)
    questions = bank()
    essay(questions)
    test = quiz(page, [questions], question_count=1)
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[test.pk]))
    return Attempt.objects.get(user=learner)


def test_the_essay_is_written_in_a_text_box_and_saved_as_the_learner_goes(client, attempt):
    url = reverse("quizzes:take", args=[attempt.pk])
    text = "Первое: переговоры.\nВторое: подписание <договора>."

    saved = client.post(url, {"positions": ["1"], "q1": f"  {text}  ", "action": "autosave"})
    page = client.get(url).content.decode()

    assert saved.json() == {"saved": True}
    assert attempt.items.get().answer == text
    assert f'<textarea name="q1" rows="10" maxlength="{MAX_LENGTH}"' in page
    assert "Первое: переговоры.\nВторое: подписание &lt;договора&gt;.</textarea>" in page


def test_an_answer_longer_than_the_limit_is_cut_at_it(client, attempt):
    client.post(reverse("quizzes:take", args=[attempt.pk]),
                {"positions": ["1"], "q1": "а" * (MAX_LENGTH + 500), "action": "submit"})

    item = attempt.items.get()
    assert len(item.answer) == MAX_LENGTH
    attempt.refresh_from_db()
    assert attempt.awaits_grading
