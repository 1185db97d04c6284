"""An attendance row is addressed through its event: another event's row (another region's
included) is not found, as every other foreign id is, and nothing is removed."""

import datetime

import pytest
from django.urls import reverse

from reports.models import EventAttendance
from tests.lms.factories import administrator, member
from tests.reports.factories import attend, training_event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_removing_another_regions_attendance_row_is_not_found(client, union):
    own = training_event(union.school_a, datetime.date.today())
    foreign = training_event(union.school_b, datetime.date.today())
    [foreign_row] = attend(foreign, member(union.school_b))
    client.force_login(administrator(union.region_a))

    response = client.post(reverse("reports:attendance_remove", args=[own.pk, foreign_row.pk]))

    assert response.status_code == 404
    assert EventAttendance.objects.filter(pk=foreign_row.pk).exists()


def test_removing_ones_own_attendance_row_still_works(client, union):
    own = training_event(union.school_a, datetime.date.today())
    [row] = attend(own, member(union.school_a))
    client.force_login(administrator(union.region_a))

    response = client.post(reverse("reports:attendance_remove", args=[own.pk, row.pk]))

    assert response.status_code == 302
    assert not EventAttendance.objects.filter(pk=row.pk).exists()
