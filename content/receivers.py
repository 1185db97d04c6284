from django.db.models.signals import post_migrate, post_save
from wagtail.signals import page_published

from . import services
from .models import LibraryIndexPage, WebinarIndexPage, WebinarPage


def set_up_moderation(sender, **kwargs):
    services.ensure_moderation_workflow()


def moderate_new_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.moderate(instance)


def recording_to_library(sender, instance, **kwargs):
    services.publish_recording(instance)


def connect(app_config):
    post_migrate.connect(set_up_moderation, sender=app_config, dispatch_uid="content.set_up_moderation")
    for model in (LibraryIndexPage, WebinarIndexPage):
        post_save.connect(
            moderate_new_index, sender=model, dispatch_uid=f"content.moderate_{model._meta.model_name}"
        )
    page_published.connect(
        recording_to_library, sender=WebinarPage, dispatch_uid="content.recording_to_library"
    )
