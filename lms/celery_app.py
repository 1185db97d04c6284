"""The Celery application: configured from Django settings under the CELERY_ namespace."""

import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect(weak=False)
@after_setup_task_logger.connect(weak=False)
def _log_like_the_web(**kwargs):
    """The worker's log lines carry the request id of the request that queued the task, and
    are JSON when ``LOG_FORMAT=json``, like the web's (lms.request_id)."""
    from .request_id import configure_celery_handlers

    configure_celery_handlers(**kwargs)
