"""/readyz and /metrics against the real PostgreSQL, Redis and Celery worker that .ci/run
starts (it starts no beat: the tests queue the heartbeat themselves, as beat would)."""

import time

import pytest
from django.test import Client

from certificates.models import Certificate
from lms import services as lms_services
from lms.celery_app import app
from lms.models import Enrolment, User
from lms.tasks import heartbeat, worker_identity
from tests.lms.factories import UnionTree, catalogue_page, course, member

from .real_services import redis_stopped, wait_for

pytestmark = pytest.mark.integration

QUEUE = 'queue="celery"'


def scrape():
    response = Client().get("/metrics")  # the test client comes from 127.0.0.1
    assert response.status_code == 200
    return response.content.decode().splitlines()


def sample(lines, prefix):
    for line in lines:
        if line.startswith(prefix):
            return float(line.rsplit(" ", 1)[1])
    return None


def test_readyz_is_ready_once_a_worker_ran_the_heartbeat(django_db_blocker):
    with django_db_blocker.unblock():
        assert heartbeat.delay().get(timeout=30) <= time.time()  # run by the real worker

        response = Client().get("/readyz")

    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ok", "checks": {"database": "ok", "redis": "ok", "worker": "ok"},
    }
    assert 0 <= sample(scrape(), "lms_worker_heartbeat_age_seconds") < 30


def test_readyz_names_redis_when_redis_is_down_and_answers_within_its_bound(django_db_blocker):
    with django_db_blocker.unblock():
        heartbeat.delay().get(timeout=30)
        with redis_stopped():
            started = time.monotonic()
            response = Client().get("/readyz")
            elapsed = time.monotonic() - started
            # /healthz does not care: the process is up.
            assert Client().get("/healthz").status_code == 200

        assert response.status_code == 503
        body = response.json()
        assert body["status"] == "failing"
        assert body["checks"]["redis"] == "failing"
        assert body["checks"]["database"] == "ok"
        assert body["checks"]["worker"] == "failing"  # its heartbeat is kept in Redis
        assert elapsed < 3

        # Redis is back (empty): once the worker has reconnected and run a heartbeat, ready.
        worker_identity.delay().get(timeout=90)
        heartbeat.delay().get(timeout=30)
        assert Client().get("/readyz").status_code == 200


def test_metrics_show_waiting_tasks_their_age_and_failures(django_db_blocker):
    with django_db_blocker.unblock():  # the page also counts certificates in the database
        waiting_tasks_their_age_and_failures()


def waiting_tasks_their_age_and_failures():
    replies = app.control.cancel_consumer("celery", reply=True, timeout=10)
    assert replies, "no worker answered"
    try:
        waiting = [worker_identity.delay() for _ in range(3)]
        time.sleep(1.2)

        lines = scrape()
        assert sample(lines, f"lms_celery_queue_length{{{QUEUE}}}") >= 3
        assert sample(lines, f"lms_celery_oldest_task_age_seconds{{{QUEUE}}}") >= 1
    finally:
        app.control.add_consumer("celery", reply=True, timeout=10)
    for result in waiting:
        result.get(timeout=60)
    wait_for(lambda: sample(scrape(), f"lms_celery_queue_length{{{QUEUE}}}") == 0,
             timeout=30, message="the queue to empty")
    assert sample(scrape(), f"lms_celery_oldest_task_age_seconds{{{QUEUE}}}") == 0

    failures = 'lms_celery_task_failures_total{task="lms.tasks.heartbeat"}'
    before = sample(scrape(), failures) or 0
    # An argument the task does not take: it fails in the worker, which counts it in Redis.
    failed = app.send_task("lms.tasks.heartbeat", args=["unexpected"])
    failed.get(timeout=30, propagate=False)
    assert failed.failed()
    assert sample(scrape(), failures) == before + 1


def test_metrics_count_a_certificate_issued_by_the_worker(django_db_blocker):
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        page = course(catalogue, modules=1, lessons=1)
        learner = member(tree.school_a)
        try:
            before = sample(scrape(), 'lms_certificates_issued_total{kind="course"}')
            enrolment = lms_services.enrol(learner, page)
            lms_services.complete_lesson(enrolment, page.lessons().get())  # queued at once

            wait_for(lambda: Certificate.objects.filter(enrolment=enrolment).exists(),
                     message="the certificate")
            assert sample(scrape(), 'lms_certificates_issued_total{kind="course"}') == before + 1
        finally:
            Certificate.objects.filter(enrolment__course=page).delete()
            Enrolment.objects.filter(course=page).delete()
            catalogue.delete()
            User.objects.filter(pk=learner.pk).delete()
            tree.root.delete()
