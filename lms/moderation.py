"""Moderation: what trainers write goes live only when a methodologist approves it.

One Wagtail workflow, "Methodologist review", with one group approval task (the
Methodologists group), covers the whole site: it replaces Wagtail's default "Moderators
approval" wherever that one was attached (the root page), and it is attached to every page
type that apps register here (the course catalogue, the library, the webinar list), so a
list made later in the admin is covered too. Trainers have no publish permission
(``lms.roles``): "submit for review" is all they can do.

A course is reviewed as a whole: the trainer submits the course page once, and its approval
publishes the course's draft modules and lessons with it (``publish_course_drafts``).
"""

from functools import cache

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from .models import CoursePage
from .roles import Role

# Stored untranslated; shown in the reader's language (``show_names_translated``).
WORKFLOW_NAME = gettext_noop("Methodologist review")
TASK_NAME = gettext_noop("Approval by a methodologist")
# What the rows were called before their names were translated.
OLD_WORKFLOW_NAMES = ("Проверка методистом · Әдіскердің тексеруі",)
OLD_TASK_NAMES = ("Одобрение методиста · Әдіскердің мақұлдауы",)
# Wagtail's own workflow, attached to the root page by its migrations; its Moderators group
# is empty here, so nothing must go through it.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

MODERATED_PAGE_TYPES = []


def register(*models):
    """Have pages of ``models`` (lists that trainers add pages under) moderated: the set-up
    attaches the workflow to each, and ``moderate`` to one made later."""
    for model in models:
        if model not in MODERATED_PAGE_TYPES:
            MODERATED_PAGE_TYPES.append(model)


@cache
def _spellings(msgid, old_names):
    """Every way a name may be stored: the msgid, its translations (an editor who saved the
    workflow in the admin stored the name in her language), and the old names."""
    spelled = {msgid, *old_names}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            spelled.add(gettext(msgid))
    return frozenset(spelled)


def translated_name(name):
    """The workflow's or task's name in the active language, or ``name`` itself if it is
    not one of ours."""
    for msgid, old_names in ((WORKFLOW_NAME, OLD_WORKFLOW_NAMES), (TASK_NAME, OLD_TASK_NAMES)):
        if name in _spellings(msgid, old_names):
            return gettext(msgid)
    return name


def _our_row(model, msgid, old_names):
    return model.objects.filter(name__in=[msgid, *old_names]).order_by("pk").first()


@transaction.atomic
def ensure_moderation_workflow():
    """The methodologists' workflow, in place of Wagtail's default one, attached to every
    page of a registered type that has no workflow of its own. Safe to run again; returns
    the workflow."""
    methodologists, _created = Group.objects.get_or_create(name=Role.METHODOLOGIST.value)
    task = _our_row(GroupApprovalTask, TASK_NAME, OLD_TASK_NAMES) or GroupApprovalTask(name=TASK_NAME)
    task.name = TASK_NAME
    task.save()
    task.groups.add(methodologists)
    workflow = _our_row(Workflow, WORKFLOW_NAME, OLD_WORKFLOW_NAMES) or Workflow(name=WORKFLOW_NAME)
    workflow.name, workflow.active = WORKFLOW_NAME, True
    workflow.save()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for default in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True):
        WorkflowPage.objects.filter(workflow=default).update(workflow=workflow)
        default.deactivate()
    for page in Page.objects.type(*MODERATED_PAGE_TYPES).filter(workflowpage__isnull=True):
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def moderate(page):
    """Attach the workflow to a newly made page of a registered type."""
    workflow = ensure_moderation_workflow()
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


def draft_descendants(page):
    """The pages under ``page`` that are not live or have changes not yet published, in tree
    order (a module before its lessons)."""
    return [
        descendant for descendant in page.get_descendants().specific().order_by("path")
        if not descendant.live or descendant.has_unpublished_changes
    ]


@transaction.atomic
def publish_course_drafts(workflow_state, user=None):
    """When a course's review is approved, publish its draft modules and lessons as well:
    the methodologist reviewed the course as a whole. A module or lesson submitted on its
    own meanwhile has that review closed, as this one covers it."""
    course = workflow_state.content_object
    if not isinstance(course.specific, CoursePage):
        return []
    drafts = draft_descendants(course)
    ids = [str(page.pk) for page in drafts]
    for state in WorkflowState.objects.active().filter(
        base_content_type=course.get_base_content_type(), object_id__in=ids
    ):
        state.cancel(user=user)
    for page in drafts:
        revision = page.get_latest_revision() or page.save_revision(user=user)
        revision.publish(user=user)
    return drafts


def changes_requested(state):
    """The reviewer's task state of a workflow returned for changes (its comment is what
    she asked for), or None."""
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return state.current_task_state
    return None


def may_submit(page, user, permissions=None):
    """May ``user`` send ``page`` for review now: it has a workflow, none is in progress, and
    she may edit it (Wagtail's own rule for the "Submit" button)."""
    permissions = permissions or page.permissions_for_user(user)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return permissions.can_edit()
    return permissions.can_submit_for_moderation()


@transaction.atomic
def submit_course(course, user):
    """Send ``course`` for review as it was last saved, with its draft modules and lessons
    (their approval comes with the course's: ``publish_course_drafts``). A course returned
    for changes is sent back to the same review. Returns the workflow state."""
    if course.get_latest_revision() is None:
        course.save_revision(user=user)
    state = course.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        # As Wagtail's "Resubmit": the task starts again on the latest revision.
        state.resume(user=user)
        return state
    return course.get_workflow().start(course, user)
