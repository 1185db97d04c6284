"""Prometheus metrics at ``/metrics``, for the inside only.

The page is django-prometheus' request metrics (counts by view, method and status, latency
histograms; its two middlewares are the first and the last in ``MIDDLEWARE``) followed by
what this module and the apps register with ``register()``. Those are read when the page
is scraped, from Redis and the database, so every web process reports the same numbers
whichever one Prometheus reaches:

``lms_celery_queue_length{queue}``
    Tasks waiting in the broker's list (Redis ``LLEN`` of the default queue ``celery``, and
    of its priority lists if any are in use).
``lms_celery_oldest_task_age_seconds{queue}``
    How long the oldest waiting task has waited. Each task is published with a
    ``queued_at`` header (``lms.request_id.add_publish_headers``, on Celery's
    ``before_task_publish``); kombu pushes to the left of the Redis list and the worker pops
    from the right, so the oldest waiting message is ``LINDEX celery -1``: its header is read
    at scrape time. 0 when the queue is empty. Tasks a worker already took (prefetched,
    running, or waiting for an ETA) are not in the list and not counted.
``lms_celery_task_failures_total{task}``
    Tasks that failed, by task name: the worker's ``task_failure`` signal increments a Redis
    hash (``lms:metrics:task-failures``), so a web process can report it. In the embedded
    mode, where tasks run in-process, the count is kept in the process.
``lms_worker_heartbeat_age_seconds``
    Seconds since a worker last ran the heartbeat task (see ``lms.health``); absent if none has.

and, registered by their apps: ``lms_certificates_issued_total{kind}`` (certificates) and
``lms_reminders_sent_total{kind}`` (notifications).

Who may read it: the view answers 404 unless the client's address (``REMOTE_ADDR``) is in
``METRICS_ALLOWED_NETWORKS`` (loopback and the private ranges by default) and the request
carries no ``X-Forwarded-For``, ``X-Real-IP`` or ``Forwarded`` header. Behind the nginx
proxy every request comes from the proxy's private address, but the proxy adds
``X-Forwarded-For`` to each one, so a request from outside is refused; Prometheus scrapes
the web container directly, without it. (The proxy refuses ``/metrics`` as well.)

With several gunicorn processes, set ``PROMETHEUS_MULTIPROC_DIR`` (an empty directory,
cleared at start) so the request counters of all processes are added up; the metrics
registered here are the same from any process either way.
"""

import ipaddress
import json
import logging
import os
import threading
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound
from django.utils.cache import add_never_cache_headers
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from . import health, request_id

logger = logging.getLogger(__name__)

FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")
FAILURES_KEY = "lms:metrics:task-failures"
# kombu's Redis transport keeps priorities 3, 6 and 9 in lists of their own: "celery\x06\x163".
_PRIORITY_SEPARATOR = "\x06\x16"
_PRIORITY_STEPS = (3, 6, 9)

_collectors = []


def register(collector):
    """Add a collector (an object with ``collect()`` yielding metric families) to the page.
    Apps call this from their ``AppConfig.ready()``; a collector that fails is left out of
    that scrape and logged, the rest of the page is served."""
    if not any(type(known) is type(collector) for known in _collectors):
        _collectors.append(collector)


def registered():
    return list(_collectors)


# --- Who may read it -------------------------------------------------------------------

def client_allowed(request):
    if any(header in request.META for header in FORWARDING_HEADERS):
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.METRICS_ALLOWED_NETWORKS
    )


# --- The page --------------------------------------------------------------------------

class _Page:
    """django-prometheus' registry (or all processes' in multiprocess mode) plus ours."""

    def __init__(self, base):
        self.base = base

    def collect(self):
        yield from self.base.collect()
        for collector in registered():
            try:
                families = list(collector.collect())
            except Exception as error:  # one unreadable source does not blank the page
                logger.warning(
                    "Metrics collector %s failed: %s: %s",
                    type(collector).__name__, type(error).__name__, error,
                )
                continue
            yield from families


def _base_registry():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def metrics_view(request):
    if not client_allowed(request):
        return HttpResponseNotFound("Not Found", content_type="text/plain; charset=utf-8")
    response = HttpResponse(generate_latest(_Page(_base_registry())), content_type=CONTENT_TYPE_LATEST)
    add_never_cache_headers(response)
    return response


# --- Celery: queue, oldest waiting task, failures, heartbeat ---------------------------

def _queue_names():
    from .celery_app import app

    return [app.conf.task_default_queue or "celery"]


def _queued_at(raw):
    try:
        return float(json.loads(raw)["headers"][request_id.QUEUED_AT_HEADER])
    except (ValueError, KeyError, TypeError):
        return None


class CeleryQueueCollector:
    def collect(self):
        length = GaugeMetricFamily(
            "lms_celery_queue_length", "Tasks waiting in the broker queue.", labels=["queue"]
        )
        oldest = GaugeMetricFamily(
            "lms_celery_oldest_task_age_seconds",
            "Seconds the oldest task waiting in the broker queue has waited (0 when empty).",
            labels=["queue"],
        )
        client = health.redis_client()
        now = time.time()
        for queue in _queue_names():
            if client is None:  # embedded mode: tasks run in-process, nothing waits
                length.add_metric([queue], 0)
                oldest.add_metric([queue], 0)
                continue
            keys = [queue, *(f"{queue}{_PRIORITY_SEPARATOR}{step}" for step in _PRIORITY_STEPS)]
            pipe = client.pipeline(transaction=False)
            for key in keys:
                pipe.llen(key)
                pipe.lindex(key, -1)
            answers = pipe.execute()
            lengths, tails = answers[0::2], answers[1::2]
            length.add_metric([queue], sum(lengths))
            times = [t for t in (_queued_at(raw) for raw in tails if raw) if t is not None]
            if times or not sum(lengths):
                oldest.add_metric([queue], max(0.0, now - min(times)) if times else 0)
        yield length
        yield oldest


_local_failures = {}
_local_lock = threading.Lock()


def count_task_failure(sender=None, **kwargs):
    """task_failure: one more failure of this task, kept where every process can read it."""
    name = getattr(sender, "name", None) or "unknown"
    client = health.redis_client()
    if client is None:
        with _local_lock:
            _local_failures[name] = _local_failures.get(name, 0) + 1
        return
    try:
        client.hincrby(FAILURES_KEY, name, 1)
    except Exception as error:  # Redis down: the failure is still in the worker's log
        logger.warning("Could not count the failure of %s: %s", name, error)


def task_failures():
    client = health.redis_client()
    if client is None:
        with _local_lock:
            return dict(_local_failures)
    return {
        (key.decode() if isinstance(key, bytes) else key): int(value)
        for key, value in client.hgetall(FAILURES_KEY).items()
    }


class TaskFailureCollector:
    def collect(self):
        family = CounterMetricFamily(
            "lms_celery_task_failures", "Celery tasks that failed, by task.", labels=["task"]
        )
        for name, count in sorted(task_failures().items()):
            family.add_metric([name], count)
        yield family


class HeartbeatCollector:
    def collect(self):
        if not health.worker_check_used():
            return
        family = GaugeMetricFamily(
            "lms_worker_heartbeat_age_seconds",
            "Seconds since a worker last ran the heartbeat task.",
        )
        age = health.heartbeat_age()
        if age is not None:
            family.add_metric([], age)
        yield family


def register_celery_collectors():
    for collector in (CeleryQueueCollector(), TaskFailureCollector(), HeartbeatCollector()):
        register(collector)
