"""With Redis stopped, learners keep learning: pages are served from PostgreSQL, the cache
misses instead of failing, tests are taken and submitted, courses complete, and the
certificate that could not be queued is issued by the sweep once Redis is back."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from certificates.tasks import issue_missing_certificates
from lms import services as lms_services
from lms.models import Enrolment, LoginLockout, User
from lms.tasks import worker_identity
from tests.lms.factories import PASSWORD, UnionTree, catalogue_page, course, member
from tests.quizzes.factories import bank, quiz, single

from .real_services import redis_stopped

pytestmark = pytest.mark.integration


def test_learners_keep_learning_while_redis_is_down(django_db_blocker):
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        page = course(catalogue, modules=1, lessons=2)
        questions = bank("outage")
        for _ in range(3):
            single(questions)
        final = quiz(page, [questions], question_count=3, pass_mark=0)
        learner = member(tree.school_a)
        try:
            with redis_stopped():
                assert cache.get("anything", "missed") == "missed"  # an outage reads as a miss
                client = Client()
                client.force_login(learner)
                enrolment = lms_services.enrol(learner, page)
                first, second = page.lessons()
                for url in (catalogue.url, page.url, first.url, reverse("lms:dashboard"),
                            reverse("notifications:list"), reverse("certificates:mine")):
                    assert client.get(url).status_code == 200, url
                for lesson in (first, second):
                    response = client.post(reverse("lms:complete_lesson", args=[lesson.pk]))
                    assert response.status_code == 302
                # The final test: start, save an answer and submit, read the result.
                take = client.post(reverse("quizzes:start", args=[final.pk]))
                assert take.status_code == 302 and client.get(take.url).status_code == 200
                submitted = client.post(
                    take.url, {"positions": ["1"], "action": "submit", "confirmed": "1"})
                assert submitted.status_code == 302 and client.get(submitted.url).status_code == 200
                enrolment.refresh_from_db()
                assert enrolment.completed_at is not None  # the completion stands
                assert not Certificate.objects.filter(enrolment=enrolment).exists()  # not queued
            # Redis is back: the sweep issues the certificate that could not be queued.
            worker_identity.delay().get(timeout=90)
            issue_missing_certificates.delay().get(timeout=90)
            assert Certificate.objects.filter(enrolment=enrolment).count() == 1
        finally:
            Certificate.objects.filter(enrolment__course=page).delete()
            Enrolment.objects.filter(course=page).delete()
            catalogue.delete()
            User.objects.filter(pk=learner.pk).delete()
            tree.root.delete()


def test_sign_in_works_while_redis_is_down_and_the_lockout_still_holds(django_db_blocker, settings):
    """allauth's login limits live in the cache; with Redis down they fail open, so the
    right password signs in, while the per-account lockout holds through PostgreSQL."""
    settings.LOGIN_LOCKOUT_FREE_FAILURES = 3
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        learner, careless = member(tree.school_a), member(tree.school_a)
        try:
            with redis_stopped():
                client = Client()
                response = client.post(reverse("account_login"),
                                       {"login": learner.email, "password": PASSWORD})
                assert response.status_code == 302, response.status_code
                assert int(client.session["_auth_user_id"]) == learner.pk

                other = Client()
                for _attempt in range(3):
                    other.post(reverse("account_login"), {"login": careless.email, "password": "wrong"})
                refused = other.post(reverse("account_login"),
                                     {"login": careless.email, "password": PASSWORD})
                assert refused.status_code == 200
                assert "_auth_user_id" not in other.session
                assert LoginLockout.objects.filter(identifier=careless.email.lower()).exists()
        finally:
            LoginLockout.objects.filter(identifier__in=[learner.email.lower(),
                                                        careless.email.lower()]).delete()
            User.objects.filter(pk__in=[learner.pk, careless.pk]).delete()
