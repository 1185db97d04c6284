"""One id per web request, on every log line the request causes, in the web process and in
the worker that runs the tasks it queued.

* ``RequestIdMiddleware`` takes the caller's ``X-Request-ID`` when it is a sane token (the
  proxy sets one per request), otherwise makes a uuid4 hex, keeps it in a context variable
  for the length of the request and answers with it in ``X-Request-ID``.
* ``RequestIdFilter`` (on the console handler, lms/settings.py ``LOGGING``; on Celery's
  handlers, ``lms.celery_app``) puts it on every log record as ``request_id`` (``-`` when
  there is none).
* Celery: ``before_task_publish`` copies it into a ``request_id`` message header (with
  ``queued_at``, the publishing time that ``lms.metrics`` reads to tell the age of the
  oldest waiting task); in the worker ``task_prerun`` sets it from the header and
  ``task_postrun`` puts back what was there before.

Nothing here imports models: the logging configuration loads the filter before the apps.
"""

import contextvars
import logging
import re
import time
import uuid

HEADER = "X-Request-ID"
TASK_HEADER = "request_id"
QUEUED_AT_HEADER = "queued_at"
NONE = "-"

_SANE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,99}")
_current = contextvars.ContextVar("lms_request_id", default=None)


def current():
    """The id of the request (or of the request that queued the running task), or None."""
    return _current.get()


def is_sane(value):
    return bool(value) and _SANE.fullmatch(value) is not None


def new_id():
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Placed near the top of ``MIDDLEWARE``, so everything below it logs with the id. The
    id stays set until the response is closed (``request_finished``), so Django's own
    "Not Found" and "Internal Server Error" lines, written after the middleware returned,
    carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if is_sane(incoming) else new_id()
        request.request_id = request_id
        _current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def forget(**kwargs):
    """request_finished: the response is closed; lines written after it belong to no request."""
    _current.set(None)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record that passes the handler it is attached to."""

    def filter(self, record):
        if not getattr(record, "request_id", None):
            record.request_id = _current.get() or NONE
        return True


class TaskFilter(logging.Filter):
    """In the worker: ``task_name`` and ``task_id`` of the running task on every record (the
    JSON formatter replaces Celery's, which wrote them into the text)."""

    def filter(self, record):
        from celery._state import get_current_task

        task = get_current_task()
        if task is not None and task.request.id and not hasattr(record, "task_id"):
            record.task_id = task.request.id
            record.task_name = task.name
        return True


def json_formatter():
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter(
        "%(levelname)s %(name)s %(request_id)s %(message)s",
        rename_fields={"levelname": "level", "name": "logger"},
        timestamp="time",
    )


# --- Celery signal receivers (connected in lms.apps) ------------------------------------

def add_publish_headers(headers=None, **kwargs):
    """before_task_publish: the request's id and the publishing time go with the message."""
    if headers is None:
        return
    request_id = _current.get()
    if request_id:
        headers[TASK_HEADER] = request_id
    headers[QUEUED_AT_HEADER] = time.time()


_TOKEN = "_lms_request_id_token"


def enter_task(task=None, **kwargs):
    """task_prerun: the worker logs the task's lines with the id of the request that queued
    it. An eager task runs inside that request already and keeps its id."""
    if task is None or task.request.is_eager:
        return
    request_id = getattr(task.request, TASK_HEADER, None)
    setattr(task.request, _TOKEN, _current.set(request_id if is_sane(request_id) else None))


def leave_task(task=None, **kwargs):
    """task_postrun: back to what was there before the task."""
    token = getattr(task.request, _TOKEN, None) if task is not None else None
    if token is not None:
        _current.reset(token)
        setattr(task.request, _TOKEN, None)


def configure_celery_handlers(logger=None, format=None, **kwargs):  # noqa: A002 (Celery's name)
    """after_setup_logger / after_setup_task_logger: Celery configured its own handlers
    (to ``--logfile`` or stderr); give them the request id and, with ``LOG_FORMAT=json``,
    the JSON formatter."""
    from django.conf import settings

    if logger is None:
        return
    use_json = getattr(settings, "LOG_FORMAT", "text") == "json"
    for handler in logger.handlers:
        if not any(isinstance(f, RequestIdFilter) for f in handler.filters):
            handler.addFilter(RequestIdFilter())
            handler.addFilter(TaskFilter())
        if use_json:
            handler.setFormatter(json_formatter())
        elif format and "%(request_id)s" not in format and handler.formatter is not None:
            # Celery's text format with the id at the end of each line.
            old = handler.formatter
            fmt = f"{format} [%(request_id)s]"
            if hasattr(old, "use_color"):  # Celery's ColorFormatter and TaskFormatter
                handler.setFormatter(type(old)(fmt, use_color=old.use_color))
            else:
                handler.setFormatter(logging.Formatter(fmt))
