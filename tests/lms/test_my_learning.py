"""My learning, the learner's home: a card per course that says where to continue, the dates
coming up, and a number of queries that does not grow with the learner's courses."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from content.models import WebinarRegistration
from lms.models import Enrolment
from tests.content.factories import webinar, webinar_list_page
from tests.lms.factories import course, member
from tests.quizzes.factories import bank, quiz, single

from .test_learning import done_url, enrol_url


@pytest.fixture
def learner(union):
    return member(union.school_a)


def cards(client):
    return list(client.get(reverse("lms:dashboard")).context["enrolments"])


def test_continue_leads_to_the_first_lesson_not_done_yet(client, catalogue, learner):
    page = course(catalogue, modules=2, lessons=2)
    first, second, third, _fourth = page.lessons()
    client.force_login(learner)
    client.post(enrol_url(page))
    client.post(done_url(first))
    client.post(done_url(third))

    [card] = cards(client)
    html = client.get(reverse("lms:dashboard")).content.decode()

    assert (card.lessons_done, card.lessons_total) == (2, 4)
    assert card.next_step.url == second.url and card.next_step.title == second.title
    assert f'<a class="button" href="{second.url}">' in html


def test_a_course_not_started_begins_with_its_first_lesson(client, catalogue, learner):
    page = course(catalogue, modules=1, lessons=2)
    client.force_login(learner)
    client.post(enrol_url(page))

    [card] = cards(client)

    assert card.next_step.url == page.lessons().first().url


def test_once_every_lesson_is_done_continue_leads_to_the_final_test(client, catalogue, learner):
    page = course(catalogue, modules=1, lessons=2)
    post_test = quiz(page, [bank()])
    single(post_test.banks.get())
    client.force_login(learner)
    client.post(enrol_url(page))
    for lesson in page.lessons():
        client.post(done_url(lesson))

    [card] = cards(client)

    assert not card.is_complete
    assert card.next_step.url == reverse("quizzes:start", args=[post_test.pk])


def test_a_completed_course_has_no_continue(client, catalogue, learner):
    page = course(catalogue, modules=1, lessons=1)
    client.force_login(learner)
    client.post(enrol_url(page))
    client.post(done_url(page.lessons().get()))

    [card] = cards(client)

    assert card.is_complete and card.next_step is None


def test_coming_up_lists_deadlines_and_registered_webinars_in_date_order(client, catalogue, learner):
    today = timezone.localdate()
    soon, later, finished = (course(catalogue, title=title, modules=1, lessons=1)
                             for title in ("Скоро", "Позже", "Пройден"))
    for page, days in ((soon, 5), (later, 30), (finished, 2)):
        Enrolment.objects.create(user=learner, course=page, deadline=today + datetime.timedelta(days=days))
    client.force_login(learner)
    client.post(done_url(finished.lessons().get()))  # complete: its deadline no longer matters
    index = webinar_list_page()
    mine = webinar(index, title="Мой вебинар", starts_in=datetime.timedelta(days=10))
    past = webinar(index, title="Прошедший", starts_in=-datetime.timedelta(days=3))
    webinar(index, title="Чужой вебинар", starts_in=datetime.timedelta(days=1))
    for registered in (mine, past):
        WebinarRegistration.objects.create(webinar=registered, user=learner)

    coming_up = client.get(reverse("lms:dashboard")).context["coming_up"]

    assert [(item.title, item.all_day) for item in coming_up] == [
        ("Скоро", True), ("Мой вебинар", False), ("Позже", True)]
    assert coming_up[1].url == mine.url


def test_my_learning_costs_the_same_queries_for_one_course_or_six(client, catalogue, learner):
    index = webinar_list_page()

    def add_course(number):
        page = course(catalogue, modules=2, lessons=2)
        single(quiz(page, [bank()]).banks.get())
        client.post(enrol_url(page))
        client.post(done_url(page.lessons().first()))
        Enrolment.objects.filter(course=page).update(
            deadline=timezone.localdate() + datetime.timedelta(days=number + 1))
        WebinarRegistration.objects.create(
            webinar=webinar(index, starts_in=datetime.timedelta(days=number + 1)), user=learner)

    def queries():
        client.get(reverse("lms:dashboard"))  # the site's root paths are cached after this one
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("lms:dashboard")).status_code == 200
        return len(captured)

    client.force_login(learner)
    add_course(0)
    one = queries()
    for number in range(1, 6):
        add_course(number)
    six = queries()

    assert len(cards(client)) == 6
    assert six == one <= 6
