"""Statements for the learning record store: one per event, in the learner's language, with
the score of a test; kept when the store is down and sent when it is back, without
holding the learner up."""

import datetime
import time

import pytest
from django.utils import timezone

from content import services as content_services
from lms import services as lms_services
from quizzes import services as quiz_services
from quizzes.models import Quiz
from tests.content.factories import webinar, webinar_list_page
from tests.lms.factories import course, member
from tests.quizzes.factories import bank, question, quiz
from tests.reports.factories import attend, training_event
from xapi.models import Statement
from xapi.statements import VERBS
from xapi.tasks import send_statements

pytestmark = pytest.mark.django_db

DOWN = "http://127.0.0.1:9"  # nothing listens there: the store is down


@pytest.fixture
def store_down(settings):
    settings.LRS_URL = DOWN
    settings.LRS_TIMEOUT = 2


def verbs(user):
    return [row.verb for row in Statement.objects.filter(user=user).order_by("created_at")]


def test_without_a_store_nothing_is_kept(union, catalogue, django_capture_on_commit_callbacks):
    learner = member(union.school_a)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = lms_services.enrol(learner, course(catalogue, modules=1, lessons=1))
        lms_services.complete_lesson(enrolment, enrolment.course.lessons().get())

    assert not Statement.objects.exists()


def test_a_course_leaves_registered_launched_completed_once_each_in_her_language(
    union, catalogue, store_down, django_capture_on_commit_callbacks
):
    learner = member(union.school_a)
    learner.profile.language = "kk"
    learner.profile.save()
    taught = course(catalogue, modules=1, lessons=2, title="Еңбек құқығы")
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = lms_services.enrol(learner, taught)
        lms_services.enrol(learner, taught)  # again: the same enrolment, no second statement
        for lesson in taught.lessons():
            lms_services.complete_lesson(enrolment, lesson)

    assert verbs(learner) == ["registered", "launched", "completed"]
    completed = Statement.objects.get(user=learner, verb="completed").payload
    assert completed["verb"]["id"] == VERBS["completed"]
    assert completed["object"]["definition"]["name"] == {"kk": "Еңбек құқығы"}
    assert completed["object"]["id"].endswith(taught.url)
    assert completed["actor"]["account"]["name"] == str(learner.pk)
    assert "mbox" not in completed["actor"]  # no e-mail address leaves the site
    assert completed["context"]["language"] == "kk"


def test_a_test_result_carries_its_score_and_each_attempt_is_its_own_statement(
    union, catalogue, store_down, django_capture_on_commit_callbacks
):
    learner = member(union.school_a)
    taught = course(catalogue, modules=1, lessons=1)
    questions = bank()
    asked = question(questions, options=[("Верно", 1), ("Неверно", 0)])
    final = quiz(taught, [questions], role=Quiz.Role.POST, question_count=1, pass_mark=70)
    lms_services.enrol(learner, taught)
    results = []
    for choice in ("Неверно", "Верно"):
        with django_capture_on_commit_callbacks(execute=True):
            attempt = quiz_services.start_attempt(learner, final)
            option = asked.options.get(text_ru=choice)
            quiz_services.save_answers(attempt, {1: option.pk})
            quiz_services.submit_attempt(attempt)
        results.append(attempt.pk)

    failed, passed = (Statement.objects.get(user=learner, verb=verb).payload for verb in ("failed", "passed"))
    assert failed["result"]["score"]["scaled"] == 0 and failed["result"]["success"] is False
    assert passed["result"]["score"] == {"scaled": 1.0, "raw": 100.0, "min": 0, "max": 100}
    assert passed["context"]["contextActivities"]["parent"][0]["id"].endswith(taught.url)
    assert failed["id"] != passed["id"]


def test_attending_a_webinar_and_an_event_are_statements(
    union, store_down, django_capture_on_commit_callbacks
):
    learner = member(union.school_a)
    past = webinar(webinar_list_page(), starts_in=-datetime.timedelta(hours=2))
    registration = past.registrations.create(user=learner, registered_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        content_services.mark_attended(past, [registration.pk])
        attend(training_event(union.school_a, datetime.date(2026, 3, 1)), learner)

    assert sorted(verbs(learner)) == ["attended", "attended"]


def test_with_the_store_down_the_learner_is_not_held_up_and_nothing_is_lost(
    union, catalogue, store_down, django_capture_on_commit_callbacks
):
    learner = member(union.school_a)
    taught = course(catalogue, modules=1, lessons=1)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = lms_services.enrol(learner, taught)
        lms_services.complete_lesson(enrolment, taught.lessons().get())

    assert time.monotonic() - started < 2  # nothing is sent while she learns
    pending = Statement.objects.filter(sent_at__isnull=True)
    assert pending.count() == 3

    # The minute's send finds the store down: every row is still owed, with the reason.
    assert send_statements.apply().get() == 0
    assert pending.count() == 3
    assert all(row.tries == 1 and row.last_error for row in pending)
