"""Courses go through the methodologists' review as a whole: a trainer submits the course
once, a methodologist finds it on her dashboard and approves it, and the course goes live
with its modules and lessons. No superuser takes part."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage
from wagtail.test.utils.form_data import querydict_from_html

from lms import moderation
from lms.models import CoursePage, LessonPage, ModulePage
from lms.roles import Role
from tests.lms.factories import UserFactory, catalogue_page

pytestmark = pytest.mark.django_db


def with_role(role):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=role))
    return user


def draft_course(catalogue, owner, title="Основы трудового права"):
    """A course written by ``owner`` and never published: two modules, three lessons."""
    course = catalogue.add_child(instance=CoursePage(
        title=title, slug="osnovy", summary="Кратко.", live=False, owner=owner,
    ))
    course.save_revision(user=owner)
    for number, lessons in ((1, 2), (2, 1)):
        module = course.add_child(instance=ModulePage(title=f"Модуль {number}", slug=f"m{number}",
                                                      live=False, owner=owner))
        module.save_revision(user=owner)
        for position in range(1, lessons + 1):
            lesson = module.add_child(instance=LessonPage(
                title=f"Урок {number}.{position}", slug=f"l{position}", live=False, owner=owner,
                body=json.dumps([{"type": "text", "value": "<p>Текст</p>"}]),
            ))
            lesson.save_revision(user=owner)
    return course


def submit(client, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data["action-submit"] = "action-submit"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return CoursePage.objects.get(pk=page.pk)


@pytest.fixture
def catalogue():
    return catalogue_page()


def test_courses_go_to_the_methodologists_and_wagtails_default_workflow_is_used_by_nothing(catalogue):
    course = draft_course(catalogue, with_role(Role.TRAINER))

    workflow = course.get_workflow()
    assert workflow.pk == Workflow.objects.get(name=moderation.WORKFLOW_NAME).pk
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [Role.METHODOLOGIST.value]
    assert WorkflowPage.objects.get(page=catalogue).workflow_id == workflow.pk
    default = Workflow.objects.get(name=moderation.WAGTAIL_DEFAULT_WORKFLOW)
    assert not default.active and not default.workflow_pages.exists()


def test_the_workflow_and_its_task_are_named_in_the_readers_language(catalogue):
    workflow = moderation.ensure_moderation_workflow()
    # An editor who saved the workflow in the admin stored its name in her language; the
    # old bilingual name is recognised too.
    Workflow.objects.filter(pk=workflow.pk).update(name=moderation.OLD_WORKFLOW_NAMES[0])

    for language in ("kk", "ru", "en"):
        with translation.override(language):
            assert Workflow.objects.get(pk=workflow.pk).name == gettext(moderation.WORKFLOW_NAME)
            task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
            assert task.name == gettext(moderation.TASK_NAME)
    moderation.ensure_moderation_workflow()
    assert Workflow.objects.filter(name=moderation.WORKFLOW_NAME).count() == 1


def test_a_trainer_submits_a_course_once_and_its_approval_publishes_modules_and_lessons(client, catalogue):
    trainer, methodologist = with_role(Role.TRAINER), with_role(Role.METHODOLOGIST)
    course = draft_course(catalogue, trainer)
    client.force_login(trainer)

    course = submit(client, course)

    state = course.current_workflow_state
    assert state.status == "in_progress" and state.requested_by == trainer
    # The trainer cannot approve her own course.
    approve = reverse("wagtailadmin_pages:workflow_action",
                      args=[course.pk, "approve", state.current_task_state.pk])
    client.post(approve, {"comment": ""})
    assert not CoursePage.objects.get(pk=course.pk).live

    client.force_login(methodologist)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert course.title in dashboard and approve in dashboard
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    assert editor.status_code == 200 and f"collect_action_data/{course.pk}/reject/" in editor.content.decode()

    response = client.post(approve, {"comment": ""})

    assert response.status_code in (200, 302), response.content.decode()[:2000]
    pages = course.get_descendants(inclusive=True).specific()
    assert len(pages) == 6 and all(page.live and not page.has_unpublished_changes for page in pages)
    assert course.lessons().count() == 3


def test_requesting_changes_keeps_the_course_and_its_lessons_drafts(client, catalogue):
    trainer, methodologist = with_role(Role.TRAINER), with_role(Role.METHODOLOGIST)
    course = submit_as(client, trainer, draft_course(catalogue, trainer))
    task_state = course.current_workflow_state.current_task_state
    client.force_login(methodologist)

    client.post(reverse("wagtailadmin_pages:workflow_action", args=[course.pk, "reject", task_state.pk]),
                {"comment": "Добавьте пример в урок 1.1"})

    state = CoursePage.objects.get(pk=course.pk).current_workflow_state
    assert state.status == "needs_changes"
    assert state.current_task_state.comment == "Добавьте пример в урок 1.1"
    assert not course.get_descendants(inclusive=True).live().exists()


def test_a_lesson_in_review_on_its_own_is_published_with_its_course(client, catalogue):
    trainer, methodologist = with_role(Role.TRAINER), with_role(Role.METHODOLOGIST)
    course = draft_course(catalogue, trainer)
    lesson = LessonPage.objects.descendant_of(course).first()
    lesson_state = Workflow.objects.get(name=moderation.WORKFLOW_NAME).start(lesson, trainer)
    course = submit_as(client, trainer, course)

    task_state = course.current_workflow_state.current_task_state
    task_state.approve(user=methodologist)

    lesson_state.refresh_from_db()
    assert lesson_state.status == "cancelled"
    assert LessonPage.objects.get(pk=lesson.pk).live


def test_methodologists_preview_a_course_with_its_draft_modules_and_lessons(catalogue):
    course = draft_course(catalogue, with_role(Role.TRAINER))

    html = course.make_preview_request().content.decode()

    for title in ("Основы трудового права", "Модуль 1", "Модуль 2", "Урок 1.1", "Урок 1.2", "Урок 2.1"):
        assert title in html


def test_modules_and_lessons_have_previews_for_their_reviewer(catalogue):
    course = draft_course(catalogue, with_role(Role.TRAINER))
    module = ModulePage.objects.child_of(course).first()
    lesson = LessonPage.objects.descendant_of(course).first()
    unsaved = [ModulePage(title="Жаңа модуль"), LessonPage(title="Жаңа сабақ", body="[]")]

    assert "Урок 1.1" in module.make_preview_request().content.decode()
    assert "Текст" in lesson.make_preview_request().content.decode()
    for page in unsaved:
        assert page.title in page.make_preview_request().content.decode()


def submit_as(client, user, course):
    client.force_login(user)
    return submit(client, course)
