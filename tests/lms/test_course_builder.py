"""The course builder: a trainer sees her course's modules and lessons on one screen, adds a
module or a lesson to a module, sets up the course's tests, and sends the whole course for
review with one button."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from lms.roles import Role
from quizzes.models import Quiz
from tests.lms.factories import catalogue_page
from tests.lms.test_moderation import draft_course, submit, with_role
from tests.quizzes.factories import bank, quiz

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # reads English labels


@pytest.fixture
def trainer():
    return with_role(Role.TRAINER)


@pytest.fixture
def course(trainer):
    return draft_course(catalogue_page(), trainer)


def test_the_builder_lists_modules_and_lessons_with_buttons_that_say_what_they_add(client, trainer, course):
    client.force_login(trainer)
    builder = reverse("lms_course_builder", args=[course.pk])

    html = client.get(builder).content.decode()

    for title in ("Модуль 1", "Модуль 2", "Урок 1.1", "Урок 1.2", "Урок 2.1"):
        assert title in html
    module = course.get_children().first()
    assert reverse("wagtailadmin_pages:add", args=["lms", "modulepage", course.pk]) in html
    assert reverse("wagtailadmin_pages:add", args=["lms", "lessonpage", module.pk]) in html
    assert "Add a lesson to the module “Модуль 1”" in html and "Add a module" in html


def test_the_builder_links_to_setting_up_each_test_and_then_to_its_settings(client, trainer, course):
    client.force_login(trainer)
    builder = reverse("lms_course_builder", args=[course.pk])
    add = reverse("wagtailsnippets_quizzes_quiz:add")

    html = client.get(builder).content.decode()
    assert f"{add}?course={course.pk}&amp;role=pre" in html
    assert f"{add}?course={course.pk}&amp;role=post" in html
    form = client.get(f"{add}?course={course.pk}&role=post").content.decode()
    assert f'name="course" value="{course.pk}"' in form
    assert '<option value="post" selected>' in form

    pre_test = quiz(course, [bank()], role=Quiz.Role.PRE)
    html = client.get(builder).content.decode()
    assert reverse("wagtailsnippets_quizzes_quiz:edit", args=[pre_test.pk]) in html
    assert "Pre-test: settings" in html and "Set up the post-test" in html


def test_one_button_sends_the_whole_course_and_again_after_changes_were_asked(client, trainer, course):
    client.force_login(trainer)
    builder = reverse("lms_course_builder", args=[course.pk])
    assert "Send the whole course for review" in client.get(builder).content.decode()

    client.post(reverse("lms_course_submit", args=[course.pk]))

    state = course.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == trainer
    assert "Send the whole course for review" not in client.get(builder).content.decode()
    client.post(reverse("lms_course_submit", args=[course.pk]))  # refused: one review at a time
    assert WorkflowState.objects.filter(object_id=str(course.pk)).count() == 1

    state.current_task_state.reject(user=with_role(Role.METHODOLOGIST), comment="Добавьте пример")
    html = client.get(builder).content.decode()
    assert "Добавьте пример" in html and "Send the course for review again" in html
    client.post(reverse("lms_course_submit", args=[course.pk]))
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_member_cannot_open_the_builder(client, course):
    client.force_login(with_role(Role.MEMBER))

    assert client.get(reverse("lms_course_builder", args=[course.pk])).status_code in (302, 403)


def test_the_course_editor_links_to_the_builder_and_says_the_whole_course_is_sent(client, trainer, course):
    client.force_login(trainer)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    lesson = client.get(reverse("wagtailadmin_pages:edit", args=[course.get_descendants().last().pk]))

    assert reverse("lms_course_builder", args=[course.pk]) in html
    assert "Send the whole course for review" in html
    assert reverse("lms_course_builder", args=[course.pk]) in lesson.content.decode()
    assert "Send for review" in lesson.content.decode()
    submit(client, course)
