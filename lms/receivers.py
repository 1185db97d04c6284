from allauth.account.signals import password_reset
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_init, post_migrate, post_save
from wagtail.models import GroupApprovalTask, Task, Workflow, WorkflowState
from wagtail.signals import workflow_approved

from . import moderation, services, tasks
from .models import BulkEnrolment, CourseIndexPage
from .permissions import chaired_organisation
from .queueing import enqueue_after_commit
from .roles import ensure_role_groups
from .services import lockout


def create_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.ensure_profile(instance)


def use_profile_language(sender, request, user, **kwargs):
    profile = services.ensure_profile(user)
    request.session[services.SESSION_LANGUAGE_KEY] = profile.language
    request.session[services.CHAIR_SESSION_KEY] = chaired_organisation(user) is not None


def forget_wrong_passwords(sender, user, **kwargs):
    lockout.clear_for_user(user)


def set_up_roles(sender, **kwargs):
    ensure_role_groups()
    moderation.ensure_moderation_workflow()


def moderate_new_page(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        moderation.moderate(instance)


def publish_course_drafts(sender, instance, user=None, **kwargs):
    moderation.publish_course_drafts(instance, user)


def show_name_translated(sender, instance, **kwargs):
    if "name" in instance.__dict__:
        instance.name = moderation.translated_name(instance.name)


def queue_bulk_enrolment(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        enqueue_after_commit(tasks.run_bulk_enrolment, instance.pk)


def connect(app_config):
    post_save.connect(
        create_profile, sender=app_config.get_model("User"), dispatch_uid="lms.create_profile"
    )
    post_save.connect(
        queue_bulk_enrolment, sender=BulkEnrolment, dispatch_uid="lms.queue_bulk_enrolment"
    )
    user_logged_in.connect(use_profile_language, dispatch_uid="lms.use_profile_language")
    user_logged_in.connect(forget_wrong_passwords, dispatch_uid="lms.forget_wrong_passwords_on_login")
    password_reset.connect(forget_wrong_passwords, dispatch_uid="lms.forget_wrong_passwords_on_reset")
    post_migrate.connect(set_up_roles, sender=app_config, dispatch_uid="lms.set_up_roles")
    moderation.register(CourseIndexPage)
    post_save.connect(moderate_new_page, sender=CourseIndexPage, dispatch_uid="lms.moderate_courseindexpage")
    workflow_approved.connect(
        publish_course_drafts, sender=WorkflowState, dispatch_uid="lms.publish_course_drafts"
    )
    for model in (Workflow, Task, GroupApprovalTask):
        post_init.connect(
            show_name_translated, sender=model, dispatch_uid=f"lms.translate_{model._meta.model_name}"
        )
