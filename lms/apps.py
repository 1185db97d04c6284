from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Learning")

    def ready(self):
        from django.db.models import SlugField
        from wagtail.admin.forms.models import register_form_field_override

        from . import blocks, lesson_blocks, metrics, receivers
        from .slugs import LatinSlugInput

        # Every slug field of the admin spells Russian and Kazakh titles in Latin letters.
        register_form_field_override(SlugField, override={"widget": LatinSlugInput})
        for name, block in blocks.LESSON_BLOCKS:
            lesson_blocks.register(name, block)
        receivers.connect(self)
        connect_celery_signals()
        metrics.register_celery_collectors()


def connect_celery_signals():
    """The request id is forgotten when a response is closed; it and the publishing time
    travel with each task; failures are counted (lms.request_id, lms.metrics). Connected in
    the web processes and the worker alike."""
    from celery.signals import before_task_publish, task_failure, task_postrun, task_prerun
    from django.core.signals import request_finished

    from . import metrics, request_id

    request_finished.connect(request_id.forget, dispatch_uid="lms.forget_request_id")
    before_task_publish.connect(request_id.add_publish_headers, dispatch_uid="lms.publish_headers")
    task_prerun.connect(request_id.enter_task, dispatch_uid="lms.enter_task")
    task_postrun.connect(request_id.leave_task, dispatch_uid="lms.leave_task")
    task_failure.connect(metrics.count_task_failure, dispatch_uid="lms.count_task_failure")
