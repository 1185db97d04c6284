"""Moderation: what trainers put in the library or the webinar list goes live only when a
methodologist approves it. A Wagtail workflow with one group approval task (the
Methodologists group) is attached to the library and webinar list pages; trainers have no
publish permission (``lms.roles``), so "submit for moderation" is all they can do."""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from lms.roles import Role

from ..models import LibraryIndexPage, WebinarIndexPage

WORKFLOW_NAME = "Проверка методистом · Әдіскердің тексеруі"
TASK_NAME = "Одобрение методиста · Әдіскердің мақұлдауы"
MODERATED_PAGES = (LibraryIndexPage, WebinarIndexPage)


@transaction.atomic
def ensure_moderation_workflow():
    """The methodologists' workflow, attached to every library and webinar list page that
    has no workflow of its own. Safe to run again; returns the workflow."""
    methodologists, _created = Group.objects.get_or_create(name=Role.METHODOLOGIST.value)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(methodologists)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in Page.objects.type(*MODERATED_PAGES).filter(workflowpage__isnull=True):
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def moderate(page):
    """Attach the workflow to a newly made library or webinar list page."""
    workflow = ensure_moderation_workflow()
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
