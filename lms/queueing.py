"""Queueing a Celery task, the one way every app does.

Celery's ``task.delay`` (and ``delay_on_commit``) lets a broker that is down raise into the
request or the commit hook that has already committed its data. Here that failure is
logged and nothing else happens: what was committed stands, and each task queued this way
has a sweep that does the work left undone (certificates, badges, notices) or a page that
shows the job still waiting (imports, bulk enrolments, redraws). In the embedded mode the
task runs here, in-process, and its failure is logged the same way.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task, *args):
    """Queue ``task(*args)`` now: for receivers of signals sent after the commit
    (``enrolment_completed``, ``webinar_attended``, ``notices_sent``)."""
    try:
        task.delay(*args)
    except Exception:
        logger.exception("%s%r was not queued: its sweep or a new request does the work", task.name, args)


def enqueue_after_commit(task, *args):
    """Queue ``task(*args)`` when the transaction in progress commits (at once outside one):
    for work on rows just saved, which the worker must be able to read."""
    transaction.on_commit(lambda: enqueue(task, *args))
