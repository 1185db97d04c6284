"""Webinars and the library through the API, under the site's rules: the join link only to the
registered and only in its window, a full webinar refused, a material for one role hidden
from everyone else."""

import datetime

import pytest
from django.utils import timezone

from content.models import WebinarRegistration
from content.models.library import Access
from lms.roles import Role
from tests.api.conftest import call, token_of
from tests.content.factories import library_page, material, webinar, webinar_list_page
from tests.lms.factories import member

pytestmark = pytest.mark.django_db


def test_a_member_registers_gets_the_join_link_only_in_its_window_and_cancels(app, union):
    index = webinar_list_page()
    soon = webinar(index, starts_in=datetime.timedelta(minutes=5), capacity=2)
    later = webinar(index, starts_in=datetime.timedelta(days=3))
    person = member(union.school_a)
    token = token_of(app, person)

    listed = call(app, "get", "/webinars", token).json()
    assert [(w["id"], w["registered"], w["join_url"]) for w in listed] == [
        (soon.pk, False, ""), (later.pk, False, "")]

    assert call(app, "post", f"/webinars/{soon.pk}/registration", token).status_code == 201
    registered = call(app, "post", f"/webinars/{later.pk}/registration", token).json()
    assert registered["registered"] is True and registered["join_url"] == ""  # days before the start
    assert call(app, "get", f"/webinars/{soon.pk}", token).json()["join_url"] == soon.join_url
    assert call(app, "get", "/webinars", token).json()[0]["places_left"] == 1

    assert call(app, "delete", f"/webinars/{later.pk}/registration", token).json()["registered"] is False
    registrations = WebinarRegistration.objects.filter(user=person)
    assert list(registrations.values_list("webinar_id", flat=True)) == [soon.pk]


def test_a_full_webinar_refuses_with_the_reason(app, union):
    full = webinar(webinar_list_page(), capacity=1)
    call(app, "post", f"/webinars/{full.pk}/registration", token_of(app, member(union.school_a)))

    refused = call(app, "post", f"/webinars/{full.pk}/registration", token_of(app, member(union.school_b)))

    assert refused.status_code == 409 and refused.json()["detail"]
    assert WebinarRegistration.objects.filter(webinar=full).count() == 1


def test_the_library_lists_only_what_the_member_may_open(app, union):
    library = library_page()
    everyone = material(library, title="Памятка для всех")
    for_chairs = material(library, title="Только для тренеров", access=Access.ROLE,
                          access_role=Role.TRAINER.value)
    token = token_of(app, member(union.school_a))

    listed = call(app, "get", "/materials", token).json()

    assert [item["id"] for item in listed["items"]] == [everyone.pk]
    assert call(app, "get", f"/materials/{everyone.pk}", token).json()["title"] == "Памятка для всех"
    assert call(app, "get", f"/materials/{for_chairs.pk}", token).status_code == 404


def test_upcoming_webinars_answer_in_a_bounded_number_of_queries(app, union, django_assert_max_num_queries):
    index = webinar_list_page()
    person = member(union.school_a)
    token = token_of(app, person)
    for hours in range(1, 16):
        WebinarRegistration.objects.create(
            webinar=webinar(index, starts_in=datetime.timedelta(hours=hours)), user=person,
            registered_at=timezone.now())
    call(app, "get", "/webinars", token)

    with django_assert_max_num_queries(10):
        assert len(call(app, "get", "/webinars", token).json()) == 15
