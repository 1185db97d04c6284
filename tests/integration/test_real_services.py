"""Run by .ci/run against PostgreSQL, Redis and a Celery worker started beside the tests."""

import os
import time
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from demo.seed import seed_demo
from lms import services
from lms.models import BulkEnrolment, Enrolment, LearnerCategory, Organisation, User
from lms.permissions import can_view_organisation, visible_organisations
from lms.tasks import clear_expired_sessions, worker_identity
from tests.lms.factories import UnionTree, administrator, catalogue_page, course, member

pytestmark = pytest.mark.integration


def test_tasks_go_through_redis_to_a_separate_worker_process():
    assert not settings.CELERY_TASK_ALWAYS_EAGER

    identity = worker_identity.delay().get(timeout=30)

    assert identity["pid"] != os.getpid()


def test_the_worker_changes_the_same_postgresql_database(django_db_blocker):
    assert connection.vendor == "postgresql"
    with django_db_blocker.unblock():
        Session.objects.create(
            session_key="expired-integration-session",
            session_data="",
            expire_date=timezone.now() - timedelta(days=1),
        )

        deleted = clear_expired_sessions.delay().get(timeout=30)

        assert deleted >= 1
        assert not Session.objects.filter(session_key="expired-integration-session").exists()


def test_the_cache_lives_in_redis():
    cache.set("integration-probe", "қазақша", timeout=60)

    client = redis.Redis.from_url(settings.REDIS_URL)

    assert any(b"integration-probe" in key for key in client.keys("*integration-probe*"))
    assert cache.get("integration-probe") == "қазақша"


def test_subtree_scoping_holds_on_postgresql(union):
    admin_a = administrator(union.region_a)

    assert set(visible_organisations(admin_a)) == {
        union.region_a, union.district_a, union.school_a, union.school_a2,
    }
    assert not can_view_organisation(admin_a, union.school_b)


def test_seed_demo_is_idempotent_on_postgresql(db):
    seed_demo()
    counts = Organisation.objects.count()

    seed_demo()

    assert Organisation.objects.count() == counts == 181


def test_bulk_enrolment_is_worked_through_by_the_worker(django_db_blocker):
    """Committed rows, a job queued after commit, and a worker process that enrols."""
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        page = course(catalogue, modules=1, lessons=1)
        chairs = [member(tree.school_a, category=LearnerCategory.PRIMARY_CHAIR) for _ in range(3)]
        member(tree.school_b, category=LearnerCategory.PRIMARY_CHAIR)
        try:
            job = services.request_bulk_enrolment(
                administrator(tree.region_a), course=page, organisation=tree.region_a,
                category=LearnerCategory.PRIMARY_CHAIR,
            )
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                job.refresh_from_db()
                if job.status == BulkEnrolment.Status.DONE:
                    break
                time.sleep(0.2)

            assert job.status == BulkEnrolment.Status.DONE
            assert set(Enrolment.objects.filter(course=page).values_list("user", flat=True)) == {
                chair.pk for chair in chairs
            }
        finally:
            Enrolment.objects.filter(course=page).delete()
            BulkEnrolment.objects.filter(course=page).delete()
            catalogue.delete()
            User.objects.filter(profile__organisation__path__startswith=tree.root.path).delete()
            User.objects.filter(profile__administered_organisation=tree.region_a).delete()
            tree.root.delete()


def test_the_worker_cancels_running_tasks_when_the_broker_connection_is_lost():
    """With late acknowledgement a task running at a connection loss is delivered again;
    the worker cancels its own copy instead of finishing it too (Celery's advice). The
    outage and SIGKILL tests show that nothing is lost or done twice with it."""
    from lms.celery_app import app

    replies = app.control.inspect(timeout=10).conf() or {}

    assert replies, "no worker answered"
    for conf in replies.values():  # the worker reports the settings by their Django names
        assert conf.get("CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS") is True
        assert conf.get("CELERY_TASK_ACKS_LATE") is True
