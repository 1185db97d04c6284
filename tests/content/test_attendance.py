import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from content import services
from content.models import WebinarRegistration
from content.signals import webinar_attended
from lms.roles import Role
from tests.content.factories import webinar, webinar_list_page, with_role
from tests.lms.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def past(db):
    return webinar(webinar_list_page(), starts_in=-datetime.timedelta(days=1))


@pytest.fixture
def announced():
    """The registration ids announced by webinar_attended, in order."""
    ids = []

    def receiver(sender, registration_id, **kwargs):
        ids.append(registration_id)

    webinar_attended.connect(receiver, dispatch_uid="tests.attendance")
    yield ids
    webinar_attended.disconnect(dispatch_uid="tests.attendance")


def registered(page, count):
    return [services.register(with_role(Role.MEMBER), page, now=page.starts_at) for _ in range(count)]


def attended_ids(page):
    return set(WebinarRegistration.objects.filter(webinar=page).attended().values_list("pk", flat=True))


# --- Marking by hand ----------------------------------------------------------------------------


def test_attendance_is_marked_once_and_announced_once_after_commit(
    past, announced, django_capture_on_commit_callbacks
):
    first, second = registered(past, 2)

    with django_capture_on_commit_callbacks(execute=True):
        newly = services.mark_attended(past, [first.pk])
        assert announced == []  # nothing is announced before the commit
    first.refresh_from_db()
    marked_at = first.attended_at
    with django_capture_on_commit_callbacks(execute=True):
        again = services.mark_attended(past, [first.pk, second.pk])

    first.refresh_from_db()
    assert newly == [first.pk] and again == [second.pk]
    assert first.attended_at == marked_at  # the first time is kept
    assert announced == [first.pk, second.pk]


def test_attendance_cannot_be_marked_before_the_webinar_starts(db):
    coming = webinar(webinar_list_page(), starts_in=datetime.timedelta(days=1))
    (registration,) = registered(coming, 1)

    with pytest.raises(services.AttendanceRefused):
        services.mark_attended(coming, [registration.pk])


def test_registrations_of_another_webinar_are_not_marked(past):
    other = webinar(past.get_parent(), starts_in=-datetime.timedelta(days=2))
    (foreign,) = registered(other, 1)

    assert services.mark_attended(past, [foreign.pk]) == []
    assert attended_ids(other) == set()


def test_attended_registrations_count_as_trained_under_the_members_organisation(past, union):
    here, elsewhere = member(union.school_a), member(union.school_b)
    ours = services.register(here, past, now=past.starts_at)
    theirs = services.register(elsewhere, past, now=past.starts_at)
    services.mark_attended(past, [ours.pk, theirs.pk])

    assert list(WebinarRegistration.objects.attended().under(union.region_a)) == [ours]


# --- The attendance file -------------------------------------------------------------------------


def csv_file(text, encoding="utf-8"):
    return text.encode(encoding)


def test_zoom_style_report_marks_the_listed_members(past, announced, django_capture_on_commit_callbacks):
    first, second, absent = registered(past, 3)
    report = (
        "Name (Original Name),User Email,Join Time,Duration (Minutes)\n"
        f"Ольга,{first.user.email.upper()},2026-03-02 10:01,58\n"
        f"Айгерім,{second.user.email},2026-03-02 10:03,55\n"
        "\n"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.import_attendance(past, csv_file(report))

    assert attended_ids(past) == {first.pk, second.pk}
    assert sorted(announced) == sorted([first.pk, second.pk])


def test_semicolon_separated_windows_1251_file_with_a_russian_heading_is_read(past):
    (registration,) = registered(past, 1)
    report = f"ФИО;Электронная почта\nПетренко;{registration.user.email}\n"

    services.import_attendance(past, csv_file(report, encoding="cp1251"))

    assert attended_ids(past) == {registration.pk}


def test_a_file_with_any_bad_line_marks_nobody_and_names_each_line(past):
    (registration,) = registered(past, 1)
    report = f"email\n{registration.user.email}\nnot-an-address\nstranger@example.org\n"

    with pytest.raises(services.AttendanceFileError) as error:
        services.import_attendance(past, csv_file(report))

    assert [line for line, _message in error.value.errors] == [3]
    assert "not-an-address" in error.value.errors[0][1]
    assert attended_ids(past) == set()

    report = f"email\n{registration.user.email}\nstranger@example.org\n"
    with pytest.raises(services.AttendanceFileError) as error:
        services.import_attendance(past, csv_file(report))
    assert error.value.errors == [(3, "Nobody on the platform has the email stranger@example.org.")]
    assert attended_ids(past) == set()


def test_a_file_without_an_email_column_is_refused(past):
    with pytest.raises(services.AttendanceFileError) as error:
        services.import_attendance(past, csv_file("name,minutes\nОльга,58\n"))

    assert error.value.errors[0][0] == 1


def test_a_member_who_attended_without_registering_is_registered_as_attended(past):
    walk_in = with_role(Role.MEMBER)

    services.import_attendance(past, csv_file(f"email\n{walk_in.email}\n"))

    registration = WebinarRegistration.objects.get(webinar=past, user=walk_in)
    assert registration.attended_at is not None


# --- The admin screen -------------------------------------------------------------------------------


def attendance_url(page):
    return reverse("content_attendance", args=[page.pk])


def test_members_cannot_open_the_attendance_screen(client, past):
    client.force_login(with_role(Role.MEMBER))

    response = client.get(attendance_url(past))

    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "/accounts/login/" in response.url


def test_trainer_marks_attendance_by_hand_and_by_file(client, past):
    first, second = registered(past, 2)
    client.force_login(with_role(Role.TRAINER))

    page = client.get(attendance_url(past))
    assert page.status_code == 200 and first.user.email in page.content.decode()

    client.post(attendance_url(past), {"attended": [str(first.pk)]})
    assert attended_ids(past) == {first.pk}

    upload = SimpleUploadedFile("report.csv", f"email\n{second.user.email}\n".encode(), "text/csv")
    response = client.post(attendance_url(past), {"file": upload})
    assert response.status_code == 302
    assert attended_ids(past) == {first.pk, second.pk}
    assert any("marked" in str(m) for m in get_messages(response.wsgi_request))


def test_trainer_sees_the_bad_lines_of_a_refused_file(client, past):
    registered(past, 1)
    client.force_login(with_role(Role.TRAINER))
    upload = SimpleUploadedFile("report.csv", b"email\nnobody@example.org\n", "text/csv")

    response = client.post(attendance_url(past), {"file": upload})

    assert response.status_code == 200
    assert [line for line, _message in response.context["problems"]] == [2]
    assert "nobody@example.org" in response.content.decode()
    assert attended_ids(past) == set()


def test_the_webinar_edit_screen_links_to_the_attendance_screen(client, past):
    client.force_login(with_role(Role.TRAINER))

    html = client.get(reverse("wagtailadmin_pages:edit", args=[past.pk])).content.decode()

    assert attendance_url(past) in html
