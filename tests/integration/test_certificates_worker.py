"""Exactly one certificate per completion, on the real worker, whatever goes wrong: the task
runs twice or at once, its worker is killed mid-task, or Redis is down at completion."""

import os
import signal
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from certificates.models import Certificate
from certificates.tasks import issue_certificate, issue_missing_certificates
from lms import services as lms_services
from lms.models import Enrolment, User
from lms.tasks import worker_identity
from tests.lms.factories import UnionTree, catalogue_page, course, member

from .real_services import redis_stopped, wait_for

pytestmark = pytest.mark.integration

WORKER_PIDFILE = Path(os.environ.get("CELERY_WORKER_PIDFILE", "var/ci/worker.pid"))


def certificates_of(enrolment):
    return Certificate.objects.filter(enrolment_id=enrolment.pk)


@pytest.fixture
def setting(django_db_blocker):
    """A committed course and three learners; removed afterwards."""
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        page = course(catalogue, modules=1, lessons=1, language="kk", title="Еңбек қауіпсіздігі")
        learners = [member(tree.school_a) for _ in range(3)]
        try:
            yield page, learners
        finally:
            Certificate.objects.filter(enrolment__course=page).delete()
            Enrolment.objects.filter(course=page).delete()
            catalogue.delete()
            User.objects.filter(pk__in=[learner.pk for learner in learners]).delete()
            tree.root.delete()


def completed_without_task(user, page):
    """A completion whose certificate task never ran (written directly, no signal)."""
    return Enrolment.objects.create(user=user, course=page, completed_at=timezone.now())


def test_completing_a_course_gets_one_certificate_from_the_worker(setting):
    page, (learner, *_rest) = setting
    enrolment = lms_services.enrol(learner, page)
    lms_services.complete_lesson(enrolment, page.lessons().get())  # autocommit: queued at once

    wait_for(lambda: certificates_of(enrolment).exclude(pdf="").exists(), message="the certificate")
    first = certificates_of(enrolment).get()
    assert first.is_valid and first.title == "Еңбек қауіпсіздігі"

    assert issue_certificate.delay(enrolment.pk).get(timeout=60) == first.serial
    assert issue_certificate.delay(enrolment.pk).get(timeout=60) == first.serial
    assert certificates_of(enrolment).count() == 1


def test_the_same_task_at_once_on_two_worker_processes_issues_one(setting):
    page, (learner, *_rest) = setting
    enrolment = completed_without_task(learner, page)

    results = [issue_certificate.delay(enrolment.pk) for _ in range(6)]
    serials = {result.get(timeout=60) for result in results}

    assert len(serials) == 1
    assert certificates_of(enrolment).count() == 1


def _worker_children():
    main = int(WORKER_PIDFILE.read_text().strip())
    output = subprocess.run(["ps", "-o", "pid=", "--ppid", str(main)], capture_output=True, text=True)
    return [int(pid) for pid in output.stdout.split()]


def _blocked_on_a_lock():
    params = settings.DATABASES["default"]
    with psycopg.connect(host=params["HOST"], port=params["PORT"] or 5432, user=params["USER"],
                         password=params["PASSWORD"], dbname=params["NAME"]) as probe:
        row = probe.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = %s",
            [params["NAME"]],
        ).fetchone()
    return row[0] > 0


def test_a_worker_killed_mid_task_leaves_exactly_one_certificate(setting, django_db_blocker):
    page, (learner, *_rest) = setting
    enrolment = completed_without_task(learner, page)
    children_before = _worker_children()
    assert children_before, f"no worker processes under {WORKER_PIDFILE}"

    with django_db_blocker.unblock(), transaction.atomic():
        # Hold the enrolment's row: the task blocks on it, inside its own transaction.
        Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        issue_certificate.delay(enrolment.pk)
        wait_for(_blocked_on_a_lock, timeout=30, message="the task to wait on the row lock")
        for pid in children_before:
            os.kill(pid, signal.SIGKILL)
    # The lock is released; acks_late + reject_on_worker_lost deliver the task again.

    wait_for(lambda: certificates_of(enrolment).exclude(pdf="").exists(), timeout=90,
             message="the redelivered task")
    time.sleep(2)  # a second delivery, if there were one, would have finished by now
    assert certificates_of(enrolment).count() == 1
    assert certificates_of(enrolment).get().is_valid
    assert not set(_worker_children()) & set(children_before)  # they really were replaced


def test_completions_while_redis_is_down_are_swept_up_afterwards(setting):
    page, (learner, second, _third) = setting
    enrolments = []
    with redis_stopped():
        for user in (learner, second):
            enrolment = lms_services.enrol(user, page)
            # The completion stands although its certificate task cannot be queued.
            assert lms_services.complete_lesson(enrolment, page.lessons().get())
            enrolments.append(enrolment)
    connection.close()
    assert all(Enrolment.objects.get(pk=e.pk).completed_at for e in enrolments)
    assert not Certificate.objects.filter(enrolment__in=enrolments).exists()

    worker_identity.delay().get(timeout=90)  # the worker is back on the broker
    swept = issue_missing_certificates.delay().get(timeout=90)

    assert swept["issued"] >= 2
    for enrolment in enrolments:
        assert certificates_of(enrolment).count() == 1
    assert issue_missing_certificates.delay().get(timeout=90)["issued"] == 0
