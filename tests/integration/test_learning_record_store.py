"""The statements a completed course and an attended webinar leave in a real learning record
store (ralph, started by .ci/run with its file-system backend), sent by the real worker;
and the store stopped and started again loses none of them."""

import datetime
import json
import os
import shlex
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.utils import timezone

from certificates.models import Certificate
from content import services as content_services
from content.models import WebinarRegistration
from lms import services as lms_services
from lms.models import Enrolment, User
from tests.content.factories import webinar, webinar_list_page
from tests.lms.factories import UnionTree, catalogue_page, course, member
from xapi.models import Statement
from xapi.services import send_pending
from xapi.statements import VERBS, VERSION
from xapi.tasks import send_statements

from .real_services import wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("LRS_URL"), reason="no learning record store (LRS_URL) is running"),
]

RALPH_PIDFILE = Path(os.environ.get("RALPH_PIDFILE", "var/ci/ralph.pid"))
RALPH_COMMAND = os.environ.get("RALPH_COMMAND", "")


def in_store(user):
    """The verbs of the statements the store holds for ``user``."""
    agent = json.dumps({"objectType": "Agent", "account": {
        "homePage": settings.WAGTAILADMIN_BASE_URL.rstrip("/"), "name": str(user.pk)}})
    response = requests.get(
        settings.LRS_URL.rstrip("/") + "/xAPI/statements", params={"agent": agent, "limit": 100},
        auth=(settings.LRS_USERNAME, settings.LRS_PASSWORD),
        headers={"X-Experience-API-Version": VERSION}, timeout=10,
    )
    response.raise_for_status()
    return sorted(statement["verb"]["id"] for statement in response.json()["statements"])


def answers():
    try:
        return requests.get(settings.LRS_URL.rstrip("/") + "/__heartbeat__", timeout=2).ok
    except requests.RequestException:
        return False


@pytest.fixture
def setting(django_db_blocker):
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        webinars = webinar_list_page()
        page = course(catalogue, modules=1, lessons=2, language="kk", title="Еңбек құқығы")
        learner = member(tree.school_a)
        try:
            yield page, webinars, learner
        finally:
            Statement.objects.filter(user=learner).delete()
            Certificate.objects.filter(user=learner).delete()
            WebinarRegistration.objects.filter(user=learner).delete()
            Enrolment.objects.filter(course=page).delete()
            catalogue.delete()
            webinars.delete()
            User.objects.filter(pk=learner.pk).delete()
            tree.root.delete()


def test_a_completed_course_and_an_attended_webinar_reach_the_store(setting):
    page, webinars, learner = setting
    enrolment = lms_services.enrol(learner, page)
    for lesson in page.lessons():
        lms_services.complete_lesson(enrolment, lesson)
    past = webinar(webinars, starts_in=-datetime.timedelta(hours=2))
    registration = WebinarRegistration.objects.create(
        webinar=past, user=learner, registered_at=timezone.now())
    content_services.mark_attended(past, [registration.pk])
    send_statements.delay()  # what beat does every minute: the worker sends the batch

    expected = sorted(VERBS[verb] for verb in ("registered", "launched", "completed", "attended"))
    wait_for(lambda: in_store(learner) == expected, timeout=60, message="the statements in the store")
    wait_for(lambda: not Statement.objects.filter(user=learner, sent_at__isnull=True).exists(),
             timeout=30, message="the statements marked sent")
    # Sent again (an answer lost on the way): the store keeps one of each.
    Statement.objects.filter(user=learner).update(sent_at=None)
    send_pending()
    assert in_store(learner) == expected


@pytest.mark.skipif(not RALPH_COMMAND, reason="RALPH_COMMAND is not set: the store cannot be restarted")
def test_with_the_store_stopped_statements_wait_and_arrive_once_it_is_back(setting):
    page, _webinars, learner = setting
    os.kill(int(RALPH_PIDFILE.read_text()), signal.SIGTERM)
    time.sleep(2)
    try:
        started = time.monotonic()
        enrolment = lms_services.enrol(learner, page)
        assert time.monotonic() - started < 2
        send_statements.delay()
        wait_for(lambda: Statement.objects.filter(user=learner, tries__gte=1).exists(), timeout=30,
                 message="a failed send recorded")
    finally:
        process = subprocess.Popen(shlex.split(RALPH_COMMAND), stdout=subprocess.DEVNULL,  # noqa: S603
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        RALPH_PIDFILE.write_text(str(process.pid))
    wait_for(answers, timeout=60, message="the store back")
    send_pending()
    assert in_store(learner) == [VERBS["registered"]]
    assert enrolment.pk
