"""Trainers set when a test closes and what its result pages show, at two moments, in the
Wagtail edit form of a test."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.roles import Role
from tests.content.factories import with_role
from tests.lms.factories import course
from tests.quizzes.factories import bank, quiz, single

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_edit_form_groups_the_review_settings_in_two_panels_and_saves_them(client, catalogue):
    questions = bank()
    single(questions)
    page = course(catalogue, modules=1, lessons=1)
    test = quiz(page, [questions], attempt_limit=3)
    client.force_login(with_role(Role.TRAINER))
    url = reverse("wagtailsnippets_quizzes_quiz:edit", args=[test.pk])

    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    first = html.index("Review right after the attempt, while attempts remain")
    second = html.index("Review once no attempt remains, the test is passed or it has closed")
    assert first < second
    open_panel, final_panel = html[first:second], html[second:]
    for name in ("review_open_answers", "review_open_marks", "review_open_feedback"):
        assert f'name="{name}"' in open_panel
    # Right answers cannot even be chosen for the moment right after an attempt.
    assert "right_answers" not in open_panel.split("review_final")[0]
    for name in ("review_final_answers", "review_final_marks", "review_final_right_answers",
                 "review_final_feedback"):
        assert f'name="{name}"' in final_panel
    assert "Right answers are never shown at this moment" in open_panel
    assert 'name="closes_at"' in html

    closes_at = timezone.localtime() + datetime.timedelta(days=7)
    response = client.post(url, {
        "course": page.pk, "role": test.role, "banks": [questions.pk], "question_count": 5,
        "pass_mark": 70, "attempt_limit": 3, "layout": test.layout,
        "closes_at": closes_at.strftime("%Y-%m-%d %H:%M"),
        "review_open_marks": "on", "review_open_feedback": "on",
        "review_final_answers": "on", "review_final_feedback": "on",
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    test.refresh_from_db()
    assert (test.review_open_answers, test.review_open_marks, test.review_open_feedback) == (
        False, True, True)
    assert (test.review_final_answers, test.review_final_marks, test.review_final_right_answers,
            test.review_final_feedback) == (True, False, False, True)
    assert test.closes_at == closes_at.replace(second=0, microsecond=0)
    assert test.question_count == 5
