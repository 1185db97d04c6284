import pytest
from django.urls import reverse
from django.utils.translation import gettext
from wagtail.models import Page, Workflow, WorkflowPage
from wagtail.test.utils.form_data import querydict_from_html

from content.models import LibraryIndexPage, MaterialPage
from lms import moderation
from lms.moderation import WORKFLOW_NAME
from lms.roles import Role
from tests.content.factories import library_page, webinar_list_page, with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    return library_page()


def add_material_form(client, library):
    url = reverse("wagtailadmin_pages:add", args=["content", "materialpage", library.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update({
        "title": "Кейс: замена уроков", "slug": "case-substitution", "kind": "case_study",
        "summary": "Разбор случая.", "language": "ru", "level": "basic", "access": "public",
        "video_url": "https://example.org/video", "body-count": "0",
    })
    return url, data


def test_a_new_library_page_gets_the_methodologists_workflow(library):
    workflow = WorkflowPage.objects.get(page=library).workflow

    assert workflow.name == gettext(WORKFLOW_NAME)
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [Role.METHODOLOGIST.value]


def test_setting_up_moderation_twice_changes_nothing(library):
    moderation.ensure_moderation_workflow()
    attached = set(WorkflowPage.objects.values_list("page_id", "workflow_id"))
    moderation.ensure_moderation_workflow()

    assert set(WorkflowPage.objects.values_list("page_id", "workflow_id")) == attached
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert WorkflowPage.objects.filter(page=library, workflow__name=WORKFLOW_NAME).count() == 1
    assert WorkflowPage.objects.get(page=library).workflow.workflow_tasks.count() == 1


def test_trainer_can_only_submit_and_a_methodologist_approval_makes_it_live(client, library):
    trainer = with_role(Role.TRAINER)
    client.force_login(trainer)
    url, data = add_material_form(client, library)

    # "Publish" is not the trainer's to use: the page is saved as a draft at most.
    data["action-publish"] = "action-publish"
    assert client.post(url, data).status_code == 302
    draft = MaterialPage.objects.get(slug="case-substitution")
    assert not draft.live and draft.current_workflow_state is None

    del data["action-publish"]
    data["slug"] = "case-substitution-2"
    data["action-submit"] = "action-submit"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    submitted = MaterialPage.objects.get(slug="case-substitution-2")
    state = submitted.current_workflow_state
    assert not submitted.live
    assert state is not None and state.status == "in_progress"
    assert client.get("/library/case-substitution-2/").status_code == 404

    # The trainer cannot approve their own material.
    task_state = state.current_task_state
    approve = reverse("wagtailadmin_pages:workflow_action", args=[submitted.pk, "approve", task_state.pk])
    client.post(approve)
    submitted.refresh_from_db()
    assert not submitted.live

    client.force_login(with_role(Role.METHODOLOGIST))
    client.post(approve, {"comment": ""})
    submitted.refresh_from_db()
    assert submitted.live
    assert client.get(submitted.url).status_code == 200


def test_trainers_have_no_publish_permission_on_the_library(library):
    trainer = with_role(Role.TRAINER)
    methodologist = with_role(Role.METHODOLOGIST)
    draft = library.add_child(instance=MaterialPage(
        title="Черновик", slug="draft", kind="guide", summary="…", video_url="https://example.org/v",
        live=False,
    ))

    assert not draft.permissions_for_user(trainer).can_publish()
    assert draft.permissions_for_user(methodologist).can_publish()


def test_moderation_covers_a_library_page_made_later_in_the_admin(db):
    home = Page.objects.get(depth=2)
    LibraryIndexPage.objects.all().delete()

    made = home.add_child(instance=LibraryIndexPage(title="Кітапхана", slug="kitaphana"))

    assert WorkflowPage.objects.get(page=made).workflow.name == gettext(WORKFLOW_NAME)


def test_webinars_go_through_the_same_moderation(client):
    webinars = webinar_list_page()
    client.force_login(with_role(Role.TRAINER))

    form = client.get(reverse("wagtailadmin_pages:add", args=["content", "webinarpage", webinars.pk]))

    assert form.status_code == 200 and 'name="join_url"' in form.content.decode()
    assert WorkflowPage.objects.get(page=webinars).workflow.name == gettext(WORKFLOW_NAME)
