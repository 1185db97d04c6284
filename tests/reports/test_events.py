import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from lms.models import Tier, Topic
from reports.models import EventAttendance, EventKind, TrainingEvent
from tests.lms.factories import administrator, member

from .factories import attend, training_event


@pytest.fixture
def topic(db):
    return Topic.objects.create(slug="labour-law", name_ru="Трудовое право", name_kk="Еңбек құқығы")


@pytest.fixture
def admin_a(union):
    return administrator(union.region_a)


def event_form(union, topic, **changes):
    data = {
        "kind": EventKind.ROUND_TABLE, "title": "Круглый стол по коллективному договору",
        "date": "2025-03-14", "tier": Tier.REGIONAL_SCHOOL, "topic": topic.pk,
        "organisation": union.district_a.pk, "trainer_name": "Ким Марина", "hours": 4, "place": "Семей",
    }
    data.update(changes)
    return data


def test_an_administrator_records_an_event_in_their_subtree(client, union, topic, admin_a):
    client.force_login(admin_a)

    response = client.post(reverse("reports:event_create"), event_form(union, topic))

    event = TrainingEvent.objects.get()
    assert response.url == reverse("reports:event", args=[event.pk])
    assert (event.kind, event.date, event.tier, event.topic) == (
        EventKind.ROUND_TABLE, datetime.date(2025, 3, 14), Tier.REGIONAL_SCHOOL, topic
    )
    assert (event.organisation, event.recorded_by) == (union.district_a, admin_a)


def test_an_event_cannot_be_organised_by_another_region(client, union, topic, admin_a):
    client.force_login(admin_a)

    data = event_form(union, topic, organisation=union.region_b.pk)

    response = client.post(reverse("reports:event_create"), data)

    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    assert not TrainingEvent.objects.exists()


def test_a_trainer_with_an_account_is_linked_by_email(client, union, topic, admin_a):
    trainer = member(union.school_a, email="Trainer@Example.org", first_name="Гүлнар")
    client.force_login(admin_a)

    client.post(reverse("reports:event_create"), event_form(union, topic, trainer_name="",
                                                             trainer_email="trainer@example.org"))
    missing = client.post(reverse("reports:event_create"), event_form(union, topic, trainer_name=""))

    assert TrainingEvent.objects.get().trainer == trainer
    assert "trainer_name" in missing.context["form"].errors


def test_another_regions_event_is_not_found(client, union, admin_a):
    event = training_event(union.district_b, datetime.date(2025, 1, 1))
    client.force_login(admin_a)

    for name in ("event", "event_edit"):
        assert client.get(reverse(f"reports:{name}", args=[event.pk])).status_code == 404
    assert client.post(reverse("reports:event_delete", args=[event.pk])).status_code == 404
    adding = client.post(reverse("reports:event", args=[event.pk]), {"emails": "x@example.org"})
    assert adding.status_code == 404
    assert TrainingEvent.objects.filter(pk=event.pk).exists()
    assert event.title not in client.get(reverse("reports:events"), {"year": "all"}).content.decode()


def test_attendance_is_added_by_pasted_emails_all_or_nothing(client, union, admin_a):
    event = training_event(union.district_a, datetime.date(2025, 1, 1))
    one = member(union.school_a, email="one@example.org")
    two = member(union.school_a2, email="two@example.org")
    member(union.school_b, email="b@example.org")
    client.force_login(admin_a)
    url = reverse("reports:event", args=[event.pk])

    refused = client.post(url, {"emails": "one@example.org\nb@example.org, nobody@example.org\nnot-an-email"})
    assert [error["row"] for error in refused.context["errors"]] == [2, 2, 3]
    assert not EventAttendance.objects.exists()

    client.post(url, {"emails": "One@example.org two@example.org"})
    client.post(url, {"emails": "one@example.org"})

    assert set(event.attendances.values_list("user", flat=True)) == {one.pk, two.pk}


def test_attendance_is_imported_from_an_xlsx_list(client, union, admin_a):
    event = training_event(union.district_a, datetime.date(2025, 1, 1))
    people = [member(union.school_a, email=f"p{n}@example.org") for n in range(3)]
    workbook = Workbook()
    workbook.active.append(["ФИО", "Электронная почта"])
    for person in people:
        workbook.active.append([person.get_full_name(), person.email.upper()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(admin_a)

    client.post(reverse("reports:event", args=[event.pk]),
                {"file": SimpleUploadedFile("list.xlsx", buffer.getvalue())})

    assert event.attendances.count() == 3


def test_a_csv_list_without_an_email_column_is_refused(client, union, admin_a):
    event = training_event(union.district_a, datetime.date(2025, 1, 1))
    client.force_login(admin_a)

    response = client.post(reverse("reports:event", args=[event.pk]),
                           {"file": SimpleUploadedFile("list.csv", "ФИО;Школа\nКим;1".encode("cp1251"))})

    assert response.context["errors"][0]["row"] == 1


def test_a_participant_can_be_removed(client, union, admin_a):
    event = training_event(union.district_a, datetime.date(2025, 1, 1))
    (attendance,) = attend(event, member(union.school_a))
    client.force_login(admin_a)

    client.post(reverse("reports:attendance_remove", args=[event.pk, attendance.pk]))

    assert not event.attendances.exists()


def test_the_event_list_counts_participants(client, union, admin_a):
    event = training_event(union.district_a, datetime.date(2025, 1, 1))
    attend(event, member(union.school_a), member(union.school_a2))
    client.force_login(admin_a)

    listing = client.get(reverse("reports:events"), {"year": "2025"}).context["listing"]

    assert [(e.pk, e.attended) for e in listing] == [(event.pk, 2)]


def test_a_school_administrator_records_an_event_of_their_own_school(client, union, topic):
    client.force_login(administrator(union.school_a))

    client.post(reverse("reports:event_create"), event_form(union, topic, organisation=union.school_a.pk))

    assert TrainingEvent.objects.get().organisation == union.school_a


def test_deleting_an_event_asks_first(client, union, admin_a):
    event = training_event(union.district_a, datetime.date(2025, 1, 1))
    attend(event, member(union.school_a))
    client.force_login(admin_a)
    url = reverse("reports:event_delete", args=[event.pk])

    assert client.get(url).context["attended"] == 1
    assert TrainingEvent.objects.filter(pk=event.pk).exists()
    client.post(url)

    assert not TrainingEvent.objects.filter(pk=event.pk).exists()
    assert not EventAttendance.objects.exists()
