"""With Redis stopped, learners keep learning: pages are served from PostgreSQL, the cache
misses instead of failing, and a completion's certificate waits for the sweep."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from certificates.models import Certificate
from lms import services as lms_services
from lms.models import Enrolment, User
from tests.lms.factories import UnionTree, catalogue_page, course, member

from .real_services import redis_stopped

pytestmark = pytest.mark.integration


@pytest.fixture
def redis_down():
    with redis_stopped():
        yield


def test_learner_pages_answer_while_redis_is_down(django_db_blocker, redis_down):
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        page = course(catalogue, modules=1, lessons=2)
        learner = member(tree.school_a)
        try:
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
            enrolment.refresh_from_db()
            assert enrolment.completed_at is not None  # the completion stands
            assert not Certificate.objects.filter(enrolment=enrolment).exists()  # queued later by the sweep
        finally:
            Certificate.objects.filter(enrolment__course=page).delete()
            Enrolment.objects.filter(course=page).delete()
            catalogue.delete()
            User.objects.filter(pk=learner.pk).delete()
            tree.root.delete()
