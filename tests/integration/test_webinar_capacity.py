"""Members registering for the last places at once, on PostgreSQL with separate connections."""

import threading

import pytest
from django.db import connection

from content import services
from content.models import WebinarIndexPage, WebinarRegistration
from lms.models import User
from lms.roles import Role
from tests.content.factories import webinar, webinar_list_page, with_role

pytestmark = pytest.mark.integration


def at_once(works):
    """Run each callable in its own thread, released together; returns (results, errors)."""
    results, errors = [], []
    barrier = threading.Barrier(len(works))

    def one(work):
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # reported by the caller, not swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


@pytest.fixture
def committed(django_db_blocker):
    """A webinar with two places and six members, committed for other connections to see;
    removed afterwards."""
    with django_db_blocker.unblock():
        index = webinar_list_page()
        page = webinar(index, capacity=2)
        people = [with_role(Role.MEMBER) for _ in range(6)]
        yield page, people
        WebinarRegistration.objects.filter(webinar=page).delete()
        WebinarIndexPage.objects.filter(pk=index.pk).delete()
        User.objects.filter(pk__in=[person.pk for person in people]).delete()


def test_six_members_racing_for_two_places_get_exactly_two(committed):
    page, people = committed

    def attempt(person):
        def work():
            try:
                return services.register(person, page)
            except services.RegistrationRefused:
                return None
        return work

    results, errors = at_once([attempt(person) for person in people])

    assert errors == []
    assert len([r for r in results if r is not None]) == 2
    assert WebinarRegistration.objects.filter(webinar=page).count() == 2


def test_one_member_double_clicking_gets_one_registration(committed):
    page, (person, *_rest) = committed

    results, errors = at_once([lambda: services.register(person, page)] * 4)

    assert errors == []
    assert len({registration.pk for registration in results}) == 1
    assert WebinarRegistration.objects.filter(webinar=page, user=person).count() == 1
