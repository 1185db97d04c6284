"""Health and readiness for the people who run the platform (and their probes).

``/healthz``: the process is up and answers; nothing else is touched (no database, no cache).

``/readyz``: the platform can do its work. Three checks run side by side, each in its own
thread, and the answer comes within ``READYZ_TIMEOUT`` seconds (2 by default) whatever hangs:

* ``database``: a fresh connection to the database answers ``SELECT 1``;
* ``redis``: Redis answers PING (``not used`` without ``REDIS_URL``);
* ``worker``: a worker ran the ``lms.tasks.heartbeat`` task, which beat queues every 30 s,
  less than ``WORKER_HEARTBEAT_MAX_AGE`` seconds ago (``not used`` in the embedded mode,
  where tasks run in-process). It fails when no worker runs, when beat does not, and when
  the queue is so long that the heartbeat waits behind it.

200 when every check is ``ok`` or ``not used``, 503 otherwise. The JSON body names each
check and says ``ok``, ``failing`` or ``not used``, nothing more: no versions, hosts or error
texts (those go to the log).

``lms.middleware.MachineEndpointsMiddleware`` answers these two and ``/metrics`` (lms.metrics,
which reads the heartbeat and the Redis client from here) before the rest of the middleware.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

OK, FAILING, NOT_USED = "ok", "failing", "not used"
HEARTBEAT_KEY = "lms:worker-heartbeat"
HEARTBEAT_KEEP_SECONDS = 24 * 3600


# --- Heartbeat -------------------------------------------------------------------------

def record_heartbeat(now=None):
    """Called by the heartbeat task in the worker: the time it ran."""
    now = time.time() if now is None else now
    cache.set(HEARTBEAT_KEY, now, timeout=HEARTBEAT_KEEP_SECONDS)
    return now


def heartbeat_age(now=None, store=None):
    """Seconds since a worker last ran the heartbeat task, or None if it never did (or the
    cache cannot be read)."""
    last = (store or cache).get(HEARTBEAT_KEY)
    if last is None:
        return None
    return max(0.0, (time.time() if now is None else now) - float(last))


def worker_check_used():
    """The worker check applies where tasks go to a worker; settings can force it either way."""
    forced = getattr(settings, "READYZ_REQUIRE_WORKER", None)
    if forced is not None:
        return bool(forced)
    return not settings.CELERY_TASK_ALWAYS_EAGER


# --- Redis -----------------------------------------------------------------------------

_redis_clients = {}
_redis_lock = threading.Lock()


def redis_client():
    """A client of ``REDIS_URL`` (shared by this process; thread-safe), or None without one.
    Short timeouts: a dead Redis answers within a second."""
    url = settings.REDIS_URL
    if not url:
        return None
    with _redis_lock:
        client = _redis_clients.get(url)
        if client is None:
            import redis

            client = redis.Redis.from_url(
                url, socket_connect_timeout=1, socket_timeout=1, health_check_interval=30
            )
            _redis_clients[url] = client
        return client


# --- Checks ----------------------------------------------------------------------------

def check_database(alias="default"):
    connection = connections[alias]  # this thread's own: a fresh connection
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()
    return OK


def check_redis():
    client = redis_client()
    if client is None:
        return NOT_USED
    client.ping()
    return OK


def check_worker(store):
    if not worker_check_used():
        return NOT_USED
    age = heartbeat_age(store=store)
    return OK if age is not None and age <= settings.WORKER_HEARTBEAT_MAX_AGE else FAILING


# A check still hanging from an earlier probe, past its time, counts as failing at once:
# probes do not pile up threads behind a database that does not answer. {name: {thread: start}}
_running = {}
_running_lock = threading.Lock()


def _run(name, check, args, results):
    try:
        results[name] = check(*args)
    except Exception as error:  # whatever went wrong, the check fails; the log says why
        logger.warning("Readiness check %s failed: %s: %s", name, type(error).__name__, error)
        results[name] = FAILING
    finally:
        with _running_lock:
            _running.get(name, {}).pop(threading.current_thread(), None)


def run_checks(timeout=None):
    """{"database": ..., "redis": ..., "worker": ...}, each ok, failing or not used, within
    ``timeout`` seconds (``READYZ_TIMEOUT``)."""
    timeout = settings.READYZ_TIMEOUT if timeout is None else timeout
    checks = {
        "database": (check_database, ()),
        "redis": (check_redis, ()),
        # The cache object is taken here: it is thread-safe, and a new thread would
        # otherwise open a connection pool of its own for one read.
        "worker": (check_worker, (caches["default"],)),
    }
    results = {}
    threads = []
    started = time.monotonic()
    for name, (check, args) in checks.items():
        with _running_lock:
            running = _running.setdefault(name, {})
            if any(started - since > timeout for since in running.values()):
                results[name] = FAILING
                logger.warning("Readiness check %s is still hanging from an earlier probe", name)
                continue
            thread = threading.Thread(
                target=_run, args=(name, check, args, results), name=f"readyz-{name}", daemon=True
            )
            running[thread] = started
        thread.start()
        threads.append((name, thread))
    deadline = started + timeout
    for name, thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            logger.warning("Readiness check %s took longer than %s s", name, timeout)
    return {name: results.get(name, FAILING) for name in checks}


# --- Views -----------------------------------------------------------------------------

def healthz(request):
    response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


def readyz(request):
    checks = run_checks()
    ready = all(state in (OK, NOT_USED) for state in checks.values())
    response = JsonResponse(
        {"status": OK if ready else FAILING, "checks": checks}, status=200 if ready else 503
    )
    add_never_cache_headers(response)
    return response

