"""A trainer hears of a methodologist's decision on her course at once: in the bell and by
one email, in her language, with the comment when changes are asked for."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from lms import moderation
from lms.roles import Role
from notifications import services
from notifications.models import Reminder
from notifications.reminders.reviews import REVIEW_DECISION
from tests.lms.factories import member
from tests.lms.test_moderation import draft_course, with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer():
    person = with_role(Role.TRAINER)
    person.profile.language = "kk"
    person.profile.save()
    return person


@pytest.fixture
def submitted(catalogue, trainer):
    course = draft_course(catalogue, trainer, title="Еңбек құқығы негіздері")
    moderation.submit_course(course, trainer)
    mail.outbox.clear()  # Wagtail's word to the methodologists that a course waits
    return course


def decide(course, action, capture, comment=""):
    methodologist = with_role(Role.METHODOLOGIST)
    task_state = course.current_workflow_state.current_task_state
    with capture(execute=True):
        getattr(task_state, action)(user=methodologist, comment=comment)
    return methodologist


def test_requested_changes_reach_the_trainer_with_the_comment_once(
    client, trainer, submitted, django_capture_on_commit_callbacks
):
    decide(submitted, "reject", django_capture_on_commit_callbacks, comment="Добавьте пример в урок 1.1")

    [notice] = Reminder.objects.filter(user=trainer, kind=REVIEW_DECISION.code)
    assert notice.params["comment"] == "Добавьте пример в урок 1.1"
    # One email, ours, and not Wagtail's as well.
    assert [message.to for message in mail.outbox] == [[trainer.email]]
    with translation.override("en"):
        headline, sentence = services.message(notice)
    assert headline == "Changes requested"
    assert "“Еңбек құқығы негіздері”" in sentence and "Добавьте пример в урок 1.1" in sentence
    client.force_login(trainer)
    opened = client.get(reverse("notifications:open", args=[notice.pk]))
    assert opened.url == reverse("lms_course_builder", args=[submitted.pk])


def test_an_approval_reaches_the_trainer_once(trainer, submitted, django_capture_on_commit_callbacks):
    decide(submitted, "approve", django_capture_on_commit_callbacks)

    [notice] = Reminder.objects.filter(user=trainer, kind=REVIEW_DECISION.code)
    assert notice.params["status"] == "approved"
    assert [message.to for message in mail.outbox] == [[trainer.email]]
    with translation.override("en"):
        assert services.message(notice)[0] == "Approved and published"


def test_a_methodologist_who_approves_her_own_page_is_not_told_of_it(
    catalogue, django_capture_on_commit_callbacks
):
    methodologist = with_role(Role.METHODOLOGIST)
    course = draft_course(catalogue, methodologist)
    moderation.submit_course(course, methodologist)
    with django_capture_on_commit_callbacks(execute=True):
        course.current_workflow_state.current_task_state.approve(user=methodologist)

    assert not Reminder.objects.filter(kind=REVIEW_DECISION.code).exists()


def test_only_those_who_send_pages_for_review_are_offered_its_emails(client, union):
    offered = f'value="{REVIEW_DECISION.code}"'
    client.force_login(member(union.school_a))
    assert offered not in client.get(reverse("notifications:preferences")).content.decode()
    client.force_login(with_role(Role.TRAINER))
    assert offered in client.get(reverse("notifications:preferences")).content.decode()
