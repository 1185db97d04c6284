"""The trainers' queue of essays to grade in the Wagtail admin: who reaches it, what it
lists, grading from it, and its cost in queries."""

import pytest
from django.test import Client
from django.urls import reverse

from essays import services
from essays.models import EssayGrade
from lms import services as lms_services
from lms.roles import Role
from quizzes.models import Attempt
from tests.content.factories import with_role
from tests.lms.factories import administrator, course, member
from tests.quizzes.factories import bank, quiz

from .factories import essay, submitted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def essay_test(catalogue):
    page = course(catalogue, modules=1, lessons=1, title="Коллективный договор")
    questions = bank()
    essay(questions, title="Порядок заключения")
    return quiz(page, [questions], question_count=1)


def waiting(test, learner, text="Сначала переговоры, затем подписание."):
    lms_services.enrol(learner, test.course)
    submitted(learner, test, lambda item: text)
    return services.waiting_essays().get(attempt__user=learner)


@pytest.mark.parametrize("role", [Role.TRAINER, Role.METHODOLOGIST])
def test_graders_find_the_queue_in_the_menu_and_see_what_waits(client, union, essay_test, role):
    learner = member(union.school_a, first_name="Әлия", last_name="Құдайбергенова")
    waiting(essay_test, learner)
    client.force_login(with_role(role))

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    queue = client.get(reverse("essays_queue"))

    assert "Essays to grade" in dashboard
    html = queue.content.decode()
    assert queue.status_code == 200
    for shown in ("Әлия Құдайбергенова", "Коллективный договор", "Post-test", "Порядок заключения"):
        assert shown in html


def test_a_grader_reads_the_answer_and_grades_it_from_the_admin(client, union, essay_test):
    learner = member(union.school_a)
    item = waiting(essay_test, learner, text="Сначала переговоры,\nзатем подписание.")
    trainer = with_role(Role.TRAINER)
    client.force_login(trainer)
    url = reverse("essays_grade", args=[item.pk])

    page = client.get(url).content.decode()
    response = client.post(url, {"marks": "7.5", "comment": "Хорошо."})
    again = client.post(url, {"marks": "1", "comment": "Ещё раз"}, follow=True)

    assert "Сначала переговоры,<br>затем подписание." in page and 'name="marks"' in page
    assert response.status_code == 302 and response.url == reverse("essays_queue")
    grade = EssayGrade.objects.get()
    assert (grade.item, float(grade.marks), grade.comment, grade.graded_by) == (item, 7.5, "Хорошо.", trainer)
    assert Attempt.objects.get(user=learner).score == 75
    assert "This answer has been graded already." in again.content.decode()
    assert EssayGrade.objects.count() == 1
    assert "No essay is waiting to be graded." in client.get(reverse("essays_queue")).content.decode()
    assert "Graded 7.5 of 10" in client.get(url).content.decode()


def test_marks_above_the_scale_are_refused_by_the_form(client, union, essay_test):
    item = waiting(essay_test, member(union.school_a))
    client.force_login(with_role(Role.TRAINER))

    response = client.post(reverse("essays_grade", args=[item.pk]), {"marks": "11"})

    assert response.status_code == 200 and response.context["form"].errors["marks"]
    assert not EssayGrade.objects.exists()


def test_no_one_else_reaches_the_queue_or_grades(union, essay_test):
    learner = member(union.school_a)
    item = waiting(essay_test, learner)
    urls = [reverse("essays_queue"), reverse("essays_grade", args=[item.pk])]
    people = {
        "organisation administrator": administrator(union.region_a),
        "learner": learner,
        "another member": member(union.school_a),
    }

    for who, user in [*people.items(), ("anonymous", None)]:
        client = Client()
        if user is not None:
            client.force_login(user)
        responses = [client.get(url) for url in urls]
        responses.append(client.post(urls[1], {"marks": "10", "comment": "x"}))
        for response in responses:
            if who == "organisation administrator":
                assert response.status_code == 403, who
            else:  # no admin access at all: Wagtail sends them to the login page
                assert response.status_code == 302 and "/login/" in response.url, who
            assert "Сначала переговоры" not in response.content.decode(), who
    client = Client()
    client.force_login(people["organisation administrator"])
    assert "Essays to grade" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert not EssayGrade.objects.exists()
    assert Attempt.objects.get(user=learner).awaits_grading


def test_an_answer_that_is_not_an_essay_has_no_grading_screen(client, union, essay_test):
    learner = member(union.school_a)
    waiting(essay_test, learner)
    choice_test = quiz(essay_test.course, [bank("choice")], role="pre", question_count=1)
    choice_test.banks.first().questions.create(kind="single", text_ru="Вопрос?")
    attempt = submitted(learner, choice_test, lambda item: None)
    client.force_login(with_role(Role.TRAINER))

    response = client.get(reverse("essays_grade", args=[attempt.items.get().pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("count", [2, 12])
def test_the_queue_page_runs_a_bounded_number_of_queries(
    client, union, essay_test, django_assert_max_num_queries, count
):
    for _ in range(count):
        waiting(essay_test, member(union.school_a))
    client.force_login(with_role(Role.TRAINER))

    with django_assert_max_num_queries(12):
        response = client.get(reverse("essays_queue"))

    assert response.status_code == 200
    assert len(response.context["page_obj"]) == count
