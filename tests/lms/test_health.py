"""Health, readiness, metrics, request ids and the error reporter, on the embedded default
(lms/health.py, lms/metrics.py, lms/request_id.py). The same on PostgreSQL, Redis and a real
worker: tests/integration/test_health_metrics.py."""

import json
import logging
import socket
import time

import pytest
from celery.worker.request import Request
from django.conf import settings as django_settings
from django.db import connections
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from lms import health, metrics, request_id
from lms.celery_app import app as celery_app
from lms.tasks import heartbeat
from tests.certificates.conftest import complete
from tests.lms.factories import course, member

from .test_settings import PRODUCTION, run

READY_STATES = {"ok", "failing", "not used"}


@pytest.fixture(autouse=True)
def no_request_id_left_over():
    yield
    request_id.forget()


@celery_app.task(name="tests.lms.log_and_tell_request_id")
def log_and_tell_request_id():
    logging.getLogger("tests.lms.task").info("inside the task")
    return request_id.current()


@celery_app.task(name="tests.lms.always_fails")
def always_fails():
    raise RuntimeError("this task always fails")


def metric_lines(client=None, **extra):
    response = (client or Client()).get("/metrics", **extra)
    assert response.status_code == 200
    return response.content.decode().splitlines()


def sample(lines, prefix):
    """The value of the first sample line starting with ``prefix``, or None."""
    for line in lines:
        if line.startswith(prefix):
            return float(line.rsplit(" ", 1)[1])
    return None


# --- /healthz --------------------------------------------------------------------------

def test_healthz_answers_ok_without_touching_the_database():
    # No database access is allowed in this test at all: pytest-django would raise.
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_runs_no_query_and_sets_no_cookie(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get(reverse("healthz"))

    assert response.status_code == 200
    assert not response.cookies


def test_probes_pass_with_an_internal_host_name_over_plain_http(settings):
    """Docker's probe and Prometheus call http://web:8000/…: neither the host check nor the
    HTTPS redirect of production may turn them away."""
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["oqu.example.org"]
    client = Client(HTTP_HOST="web:8000")

    assert client.get("/healthz").status_code == 200
    assert client.get("/some-page/").status_code == 400  # everything else is still checked


# --- /readyz ---------------------------------------------------------------------------

@pytest.mark.django_db
def test_readyz_is_ready_in_the_embedded_mode_with_nothing_but_the_database():
    response = Client().get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "not used", "worker": "not used"},
    }
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_cannot_be_opened(monkeypatch):
    # The check opens a connection of its own; point it at a database file that cannot exist.
    monkeypatch.setitem(connections["default"].settings_dict, "NAME", "/nonexistent-dir/lms.sqlite3")

    response = Client().get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"]["database"] == "failing"
    assert body["checks"]["redis"] == "not used"


@pytest.mark.django_db
def test_readyz_wants_a_fresh_worker_heartbeat_where_a_worker_is_used(settings):
    settings.READYZ_REQUIRE_WORKER = True
    settings.WORKER_HEARTBEAT_MAX_AGE = 120
    client = Client()

    never = client.get("/readyz")
    assert never.status_code == 503 and never.json()["checks"]["worker"] == "failing"

    health.record_heartbeat(now=time.time() - 121)  # the worker stopped two minutes ago
    stale = client.get("/readyz")
    assert stale.status_code == 503 and stale.json()["checks"]["worker"] == "failing"

    heartbeat.delay()  # what beat queues every 30 s (run in-process here)
    fresh = client.get("/readyz")
    assert fresh.status_code == 200, fresh.content
    assert fresh.json()["checks"] == {"database": "ok", "redis": "not used", "worker": "ok"}


def test_the_heartbeat_is_scheduled_well_inside_its_allowed_age():
    entries = [e for e in django_settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "lms.tasks.heartbeat"]

    assert len(entries) == 1
    assert entries[0]["schedule"] * 3 <= django_settings.WORKER_HEARTBEAT_MAX_AGE


@pytest.mark.django_db
def test_readyz_says_nothing_but_the_state_of_each_check(monkeypatch):
    monkeypatch.setitem(connections["default"].settings_dict, "NAME", "/nonexistent-dir/lms.sqlite3")
    for response in (Client().get("/readyz"), Client().get("/healthz")):
        text = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            body = json.loads(text)
            assert set(body) == {"status", "checks"}
            assert set(body["checks"].values()) <= READY_STATES
        for secret in (django_settings.SECRET_KEY, socket.gethostname(), "nonexistent-dir",
                       "sqlite", "unable to open", "Django", "5.2", "Traceback"):
            assert secret not in text


@pytest.fixture
def silent_server():
    """A TCP port that accepts connections and never answers: a hung Redis."""
    server = socket.create_server(("127.0.0.1", 0))
    server.listen(8)
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    finally:
        server.close()


@pytest.mark.django_db
def test_readyz_answers_within_its_bound_when_a_check_hangs(settings, silent_server):
    settings.READYZ_TIMEOUT = 0.3
    settings.REDIS_URL = silent_server

    started = time.monotonic()
    response = Client().get("/readyz")
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "redis": "failing", "worker": "not used"}
    assert elapsed < 0.9  # Redis' own timeout is 1 s: the probe did not wait for it
    # A probe while the last one still hangs fails at once instead of piling up threads.
    assert Client().get("/readyz").json()["checks"]["redis"] == "failing"


# --- /metrics --------------------------------------------------------------------------

@pytest.mark.django_db
def test_metrics_count_requests_by_view(client):
    assert client.get(reverse("account_login")).status_code == 200

    lines = metric_lines(client)

    assert sample(
        lines,
        'django_http_requests_total_by_view_transport_method_total'
        '{method="GET",transport="http",view="account_login"}',
    ) >= 1
    assert sample(
        lines,
        'django_http_responses_total_by_status_view_method_total'
        '{method="GET",status="200",view="account_login"}',
    ) >= 1
    latency = "django_http_requests_latency_seconds_by_view_method_bucket"
    assert any(line.startswith(latency) for line in lines)


@pytest.mark.django_db
def test_metrics_count_an_issued_certificate(union, catalogue, django_capture_on_commit_callbacks):
    before = sample(metric_lines(), 'lms_certificates_issued_total{kind="course"}')
    learner = member(union.school_a)
    page = course(catalogue, modules=1, lessons=1)

    with django_capture_on_commit_callbacks(execute=True):
        complete(learner, page)

    lines = metric_lines()
    assert before == 0
    assert sample(lines, 'lms_certificates_issued_total{kind="course"}') == 1
    assert sample(lines, 'lms_certificates_issued_total{kind="webinar"}') == 0
    assert sample(lines, 'lms_reminders_sent_total{kind="inactivity"}') == 0


@pytest.mark.django_db
def test_metrics_show_the_queue_and_count_failed_tasks():
    before = sample(metric_lines(), 'lms_celery_task_failures_total{task="tests.lms.always_fails"}') or 0

    # Run as a worker would, the failure stored instead of raised into the caller.
    assert always_fails.apply(throw=False).failed()

    lines = metric_lines()
    assert sample(lines, 'lms_celery_task_failures_total{task="tests.lms.always_fails"}') == before + 1
    # Embedded: tasks run in-process, nothing ever waits in a queue.
    assert sample(lines, 'lms_celery_queue_length{queue="celery"}') == 0
    assert sample(lines, 'lms_celery_oldest_task_age_seconds{queue="celery"}') == 0


@pytest.mark.django_db
def test_a_failing_collector_leaves_the_rest_of_the_page(monkeypatch):
    class Broken:
        def collect(self):
            raise ConnectionError("Redis is down")

    monkeypatch.setattr(metrics, "_collectors", [Broken(), *metrics.registered()])

    lines = metric_lines()

    assert sample(lines, 'lms_certificates_issued_total{kind="course"}') == 0


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["127.0.0.1", "10.4.0.7", "172.18.0.5", "192.168.1.20", "::1"])
def test_metrics_answer_inside_addresses(address):
    response = Client(REMOTE_ADDR=address).get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize(
    "extra",
    [
        {"REMOTE_ADDR": "203.0.113.7"},  # a public address
        {"REMOTE_ADDR": "2001:db8::1"},
        {"REMOTE_ADDR": ""},
        # Through the proxy: a private address, but the proxy added X-Forwarded-For.
        {"REMOTE_ADDR": "172.18.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "127.0.0.1"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "203.0.113.7"},
        {"REMOTE_ADDR": "127.0.0.1", "HTTP_FORWARDED": "for=203.0.113.7"},
    ],
)
def test_metrics_are_not_found_from_outside(extra):
    response = Client().get("/metrics", **extra)

    assert response.status_code == 404
    assert b"django_http" not in response.content and b"lms_" not in response.content


def test_metrics_follow_the_allowed_networks_setting(settings):
    settings.METRICS_ALLOWED_NETWORKS = ["192.0.2.0/24"]

    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 404


def test_a_mistyped_allowed_network_stops_start_up():
    result = run(["-c", "import django; django.setup()"], METRICS_ALLOWED_NETWORKS="10.0.0.0/8,10.0.0.300/8")

    assert result.returncode != 0
    assert "METRICS_ALLOWED_NETWORKS" in result.stderr


# --- Request id ------------------------------------------------------------------------

@pytest.mark.django_db
def test_every_response_carries_a_new_request_id():
    first = Client().get(reverse("account_login"))
    second = Client().get("/healthz")

    assert len(first["X-Request-ID"]) == 32 and int(first["X-Request-ID"], 16) >= 0
    assert second["X-Request-ID"] != first["X-Request-ID"]


@pytest.mark.django_db
def test_a_sane_incoming_request_id_is_reused_and_anything_else_replaced():
    client = Client()

    reused = client.get("/healthz", HTTP_X_REQUEST_ID="0b7c-4f1e.proxy_1")["X-Request-ID"]
    assert reused == "0b7c-4f1e.proxy_1"
    for insane in ("two words", "x" * 101, "<script>", "id\r\nSet-Cookie: a=b", "-leading-dash"):
        answered = client.get("/healthz", HTTP_X_REQUEST_ID=insane)["X-Request-ID"]
        assert answered != insane and len(answered) == 32


@pytest.mark.django_db
def test_log_lines_of_a_request_carry_its_id(caplog):
    caplog.set_level(logging.INFO)

    response = Client().get("/no-such-page/", HTTP_X_REQUEST_ID="req-from-proxy-1")

    assert response.status_code == 404
    not_found = [r for r in caplog.records if r.name == "django.request"]
    assert not_found and not_found[-1].request_id == "req-from-proxy-1"
    # After the request, lines belong to no request.
    logging.getLogger("tests.lms").warning("between requests")
    assert caplog.records[-1].request_id == request_id.NONE


def test_log_lines_written_inside_the_view_carry_the_id(caplog):
    caplog.set_level(logging.INFO)

    def view(request):
        logging.getLogger("tests.lms.view").info("in the view")
        return HttpResponse("done")

    response = request_id.RequestIdMiddleware(view)(RequestFactory().get("/anything/"))
    request_id.forget()  # request_finished does this when the server closes the response

    record = next(r for r in caplog.records if r.name == "tests.lms.view")
    assert record.request_id == response["X-Request-ID"]


def test_a_task_run_in_process_during_a_request_sees_its_id(caplog):
    caplog.set_level(logging.INFO)

    def view(request):
        return HttpResponse(log_and_tell_request_id.delay().get())

    response = request_id.RequestIdMiddleware(view)(RequestFactory().get("/anything/"))
    request_id.forget()  # request_finished does this when the server closes the response

    assert response.content.decode() == response["X-Request-ID"]
    record = next(r for r in caplog.records if r.name == "tests.lms.task")
    assert record.request_id == response["X-Request-ID"]


@pytest.fixture
def published(monkeypatch):
    """Tasks are published to Celery's in-memory broker instead of running in-process;
    yields a function that takes the next message off the default queue."""
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    with celery_app.connection_for_read() as connection:
        queue = connection.SimpleQueue("celery")
        queue.clear()
        try:
            yield lambda: queue.get(timeout=2)
        finally:
            queue.clear()
            queue.close()


def test_a_task_queued_during_a_request_carries_its_id_to_the_worker(published, caplog):
    caplog.set_level(logging.INFO)

    def view(request):
        log_and_tell_request_id.delay()
        return HttpResponse("queued")

    before = time.time()
    response = request_id.RequestIdMiddleware(view)(RequestFactory().get("/anything/"))
    request_id.forget()  # request_finished does this when the server closes the response
    message = published()

    assert message.headers["request_id"] == response["X-Request-ID"]
    assert before <= message.headers["queued_at"] <= time.time()

    # The worker's side: Celery's own request runs the task as a worker does (not eagerly).
    caplog.clear()
    assert request_id.current() is None
    Request(message, app=celery_app).execute()

    task_lines = [r for r in caplog.records if r.name == "tests.lms.task"]
    assert task_lines and task_lines[0].request_id == response["X-Request-ID"]
    assert request_id.current() is None  # task_postrun put back what was there
    message.ack()


def test_a_task_queued_outside_any_request_has_no_id_but_a_queue_time(published):
    log_and_tell_request_id.delay()

    message = published()

    assert "request_id" not in message.headers
    assert message.headers["queued_at"] <= time.time()
    message.ack()


# --- Logs and the error reporter (settings are read at start-up: a fresh process each) --

LOG_ONE_LINE = (
    "import django, logging; django.setup(); from lms import request_id; "
    "request_id._current.set('abc123'); logging.getLogger('probe').warning('hello')"
)


def test_production_logs_one_json_object_a_line_with_the_request_id():
    result = run(["-c", LOG_ONE_LINE], **PRODUCTION, LOG_FORMAT="")

    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello" and line["request_id"] == "abc123"
    assert line["level"] == "WARNING" and line["logger"] == "probe" and "time" in line


def test_the_embedded_mode_logs_plain_text_unless_asked_for_json():
    text = run(["-c", LOG_ONE_LINE], LOG_FORMAT="")
    asked = run(["-c", LOG_ONE_LINE], LOG_FORMAT="json")

    assert text.returncode == 0 and asked.returncode == 0, text.stderr + asked.stderr
    assert text.stderr.strip().splitlines()[-1] == "WARNING probe [abc123] hello"
    assert json.loads(asked.stderr.strip().splitlines()[-1])["request_id"] == "abc123"


SENTRY_STATE = (
    "import sys, django; django.setup(); print('sentry_sdk' in sys.modules); "
    "import sentry_sdk; c = sentry_sdk.get_client(); "
    "print(c.is_active(), c.options['send_default_pii'], "
    "sorted(i for i in c.integrations if i in ('django', 'celery')))"
)


def test_sentry_is_off_and_not_imported_without_a_dsn():
    result = run(["-c", SENTRY_STATE], SENTRY_DSN="")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "False"
    assert result.stdout.split("\n")[1].startswith("False")


def test_sentry_reports_django_and_celery_without_personal_data_when_a_dsn_is_set():
    # A DSN to a closed local port: nothing can leave the machine.
    result = run(["-c", SENTRY_STATE], SENTRY_DSN="http://public@127.0.0.1:9/1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["True", "True False ['celery', 'django']"]
