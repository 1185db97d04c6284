from django.db.models.signals import post_save
from wagtail.signals import page_published

from lms import moderation

from . import services
from .models import LibraryIndexPage, WebinarIndexPage, WebinarPage


def moderate_new_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        moderation.moderate(instance)


def recording_to_library(sender, instance, **kwargs):
    services.publish_recording(instance)


def connect(app_config):
    moderation.register(LibraryIndexPage, WebinarIndexPage)
    for model in (LibraryIndexPage, WebinarIndexPage):
        post_save.connect(
            moderate_new_index, sender=model, dispatch_uid=f"content.moderate_{model._meta.model_name}"
        )
    page_published.connect(
        recording_to_library, sender=WebinarPage, dispatch_uid="content.recording_to_library"
    )
