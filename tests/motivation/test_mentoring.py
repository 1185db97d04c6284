import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from lms import services as lms_services
from lms.models import LearnerCategory as C
from motivation.models import Mentorship
from motivation.services import mentoring
from notifications import services as notification_services
from notifications import tasks as notification_tasks
from notifications.models import Reminder
from notifications.reminders.mentoring import MENTEE_STALLED
from quizzes.models import Quiz
from tests.lms.factories import course, member
from tests.quizzes.factories import bank, quiz
from tests.reports.factories import scored

from .factories import mentorship

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def mentor(union):
    return member(
        union.school_a, C.PRIMARY_CHAIR, first_name="Ерлан", last_name="Жұмабеков", email="erlan@example.org"
    )


@pytest.fixture
def mentee(union):
    user = member(
        union.school_a2, C.ACTIVIST, first_name="Әсем", last_name="Оспанова", email="asem@example.org"
    )
    user.profile.phone, user.profile.position = "+7 701 555 12 34", "Учитель истории"
    user.profile.save()
    return user


@pytest.fixture
def pairing(mentor, mentee):
    return mentorship(mentor, mentee)


# --- Pairing -----------------------------------------------------------------------------


def test_an_administrator_pairs_two_members_of_their_subtree(admin_a, mentor, mentee):
    pairing = mentoring.pair(admin_a, mentor_email="ERLAN@example.org ", mentee_email="asem@example.org")
    assert (pairing.mentor, pairing.mentee, pairing.organisation, pairing.created_by) == (
        mentor,
        mentee,
        mentee.profile.organisation,
        admin_a,
    )


@pytest.mark.parametrize(
    "mentee_email, problem",
    [
        ("nobody@example.org", "No member of your organisations has this email."),
        ("erlan@example.org", "A person cannot mentor themselves."),
    ],
)
def test_pairing_refuses_unknown_people_and_oneself(english, admin_a, mentor, mentee_email, problem):
    with pytest.raises(ValidationError) as error:
        mentoring.pair(admin_a, mentor_email="erlan@example.org", mentee_email=mentee_email)
    assert error.value.message_dict["mentee_email"] == [problem]


def test_an_administrator_cannot_pair_people_of_another_region(admin_b, mentor, mentee, union):
    with pytest.raises(ValidationError) as error:
        mentoring.pair(admin_b, mentor_email="erlan@example.org", mentee_email="asem@example.org")
    assert set(error.value.message_dict) == {"mentor_email", "mentee_email"}
    outsider = member(union.school_b, email="b@example.org")
    with pytest.raises(ValidationError):
        mentoring.pair(admin_b, mentor_email=outsider.email, mentee_email="asem@example.org")


def test_a_mentee_has_one_mentor_at_a_time(admin_a, union, mentor, mentee):
    first = mentoring.pair(admin_a, mentor_email=mentor.email, mentee_email=mentee.email)
    other = member(union.school_a, email="other@example.org")
    with pytest.raises(ValidationError):
        mentoring.pair(admin_a, mentor_email=other.email, mentee_email=mentee.email)
    mentoring.end(admin_a, first)
    assert mentoring.pair(admin_a, mentor_email=other.email, mentee_email=mentee.email).mentor == other


def test_the_pairing_pages_are_scoped_to_the_administrators_subtree(client, admin_a, admin_b, pairing):
    client.force_login(admin_b)
    assert "Оспанова" not in client.get(reverse("motivation:mentorships")).content.decode()
    assert client.get(reverse("motivation:mentorships"), {"org": pairing.organisation_id}).status_code == 404
    assert client.post(reverse("motivation:mentorship_end", args=[pairing.pk])).status_code == 404
    pairing.refresh_from_db()
    assert pairing.ended_on is None

    client.force_login(admin_a)
    assert "Оспанова" in client.get(reverse("motivation:mentorships")).content.decode()
    assert client.post(reverse("motivation:mentorship_end", args=[pairing.pk])).status_code == 302
    pairing.refresh_from_db()
    assert pairing.ended_on is not None


def test_the_pairing_form_names_the_field_that_is_wrong(english, client, admin_a, mentor, union):
    client.force_login(admin_a)
    outsider = member(union.school_b, email="outsider@example.org")
    response = client.post(
        reverse("motivation:mentorship_create"),
        {"mentor_email": mentor.email, "mentee_email": outsider.email, "started_on": "2026-03-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "mentee_email": ["No member of your organisations has this email."]
    }
    assert not Mentorship.objects.exists()


# --- What the mentor sees -----------------------------------------------------------------


@pytest.fixture
def progress(mentee, catalogue, django_capture_on_commit_callbacks):
    """The mentee finished one course (pre-test 40, final test 85) and is half-way through another."""
    done = course(catalogue, modules=1, lessons=1, title="Трудовой кодекс")
    questions = bank()
    pre, post = quiz(done, [questions], role=Quiz.Role.PRE), quiz(done, [questions], pass_mark=60)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = lms_services.enrol(mentee, done)
        scored(pre, mentee, 40, START)
        lms_services.complete_lesson(enrolment, done.lessons().first())
        scored(post, mentee, 85, START)
        lms_services.update_completion(enrolment)
    going = course(catalogue, modules=1, lessons=2, title="Коллективный договор")
    lms_services.complete_lesson(lms_services.enrol(mentee, going), going.lessons().first())
    return enrolment


def test_the_mentor_sees_the_mentees_progress_and_results(client, mentor, pairing, progress):
    client.force_login(mentor)
    assert (
        f'href="{reverse("motivation:mentee", args=[pairing.pk])}"'
        in client.get(reverse("motivation:mentees")).content.decode()
    )
    page = client.get(reverse("motivation:mentee", args=[pairing.pk])).content.decode()
    assert "Әсем Оспанова" in page and pairing.organisation.name_ru in page
    assert "Трудовой кодекс" in page and "Коллективный договор" in page
    assert "1 из 2" in page  # lessons done of the unfinished course
    assert "85%" in page and "40%" in page and "75%" in page  # final, pre-test, gain (85-40)/(100-40)


def test_the_mentor_sees_nothing_more_of_the_mentee(client, mentor, mentee, pairing, progress):
    progress.refresh_from_db()
    certificate = progress.certificates.first()
    client.force_login(mentor)
    page = client.get(reverse("motivation:mentee", args=[pairing.pk])).content.decode()
    for private in (
        "asem@example.org",
        "+7 701 555 12 34",
        "Учитель истории",
        "/certificates/",
        "/reports/questionnaire/",
    ):
        assert private not in page
    if certificate is not None:
        assert certificate.serial not in page
    assert set(mentoring.mentee_progress(pairing).enrolments[0]) == {
        *mentoring.PROGRESS_FIELDS,
        "pre",
        "gain",
    }


def test_other_mentees_ended_pairings_and_made_up_ids_are_not_found(client, union, mentor, mentee, pairing):
    other_mentor = member(union.school_a)
    others_pairing = mentorship(other_mentor, member(union.school_a))
    url = reverse("motivation:mentee", args=[others_pairing.pk])

    client.force_login(mentor)
    assert client.get(url).status_code == 404
    assert client.get(reverse("motivation:mentee", args=[999999])).status_code == 404
    client.force_login(mentee)  # the mentee is not their own mentor
    assert client.get(reverse("motivation:mentee", args=[pairing.pk])).status_code == 404
    client.force_login(member(union.school_a2))
    assert client.get(reverse("motivation:mentee", args=[pairing.pk])).status_code == 404

    client.force_login(mentor)
    Mentorship.objects.filter(pk=pairing.pk).update(ended_on=datetime.date(2026, 3, 1))
    assert client.get(reverse("motivation:mentee", args=[pairing.pk])).status_code == 404
    assert "Оспанова" not in client.get(reverse("motivation:mentees")).content.decode()


def test_an_administrator_is_not_a_mentor(client, admin_a, pairing):
    client.force_login(admin_a)
    assert client.get(reverse("motivation:mentee", args=[pairing.pk])).status_code == 404


@pytest.mark.parametrize("courses", [1, 8])
def test_the_mentee_page_runs_a_bounded_number_of_queries(
    client, mentor, mentee, pairing, catalogue, courses, django_assert_max_num_queries
):
    for _ in range(courses):
        page = course(catalogue, modules=1, lessons=2)
        lms_services.complete_lesson(lms_services.enrol(mentee, page), page.lessons().first())
    client.force_login(mentor)
    client.get(reverse("motivation:mentee", args=[pairing.pk]))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("motivation:mentee", args=[pairing.pk])).status_code == 200


# --- The stall reminder ---------------------------------------------------------------------


def sweep(at):
    before = set(Reminder.objects.values_list("pk", flat=True))
    with time_machine.travel(at, tick=False):
        notification_tasks.sweep_reminders.delay()
    return list(Reminder.objects.filter(kind=MENTEE_STALLED.code).exclude(pk__in=before).order_by("pk"))


@pytest.fixture
def stalled_course(mentee, catalogue, settings):
    settings.MENTORING_STALL_DAYS = 10
    page = course(catalogue, modules=1, lessons=2, title="Медиация в трудовых спорах")
    with time_machine.travel(START, tick=False):
        return lms_services.enrol(mentee, page)


def test_both_mentor_and_mentee_are_reminded_once_when_the_mentee_stalls(
    mentor, mentee, pairing, stalled_course
):
    assert sweep(START + datetime.timedelta(days=9)) == []
    reminders = sweep(START + datetime.timedelta(days=11))
    assert sorted(reminder.user_id for reminder in reminders) == sorted([mentor.pk, mentee.pk])
    assert sweep(START + datetime.timedelta(days=12)) == []  # beat again: nothing new
    assert sweep(START + datetime.timedelta(days=30)) == []

    [to_mentor] = [m for m in mail.outbox if m.to == [mentor.email]]
    assert "Әсем Оспанова" in to_mentor.body and "Медиация в трудовых спорах" in to_mentor.body
    # The mentee also has the ordinary inactivity reminder (after 7 days); this one names the mentor.
    assert any("Ерлан Жұмабеков" in m.body for m in mail.outbox if m.to == [mentee.email])
    by_user = {reminder.user_id: reminder for reminder in reminders}
    assert notification_services.target_url(by_user[mentor.pk]) == reverse(
        "motivation:mentee", args=[pairing.pk]
    )
    assert notification_services.target_url(by_user[mentee.pk]) == stalled_course.course.url


def test_a_new_stretch_is_a_new_reminder_for_both(mentor, mentee, pairing, stalled_course):
    sweep(START + datetime.timedelta(days=11))
    with time_machine.travel(START + datetime.timedelta(days=12), tick=False):
        lms_services.complete_lesson(stalled_course, stalled_course.course.lessons().first())
    assert sweep(START + datetime.timedelta(days=20)) == []
    assert len(sweep(START + datetime.timedelta(days=23))) == 2
    assert Reminder.objects.filter(kind=MENTEE_STALLED.code).count() == 4


def test_no_reminder_after_the_mentoring_ended_or_the_course_was_finished(
    mentor, mentee, pairing, stalled_course
):
    Mentorship.objects.filter(pk=pairing.pk).update(ended_on=datetime.date(2026, 3, 5))
    assert sweep(START + datetime.timedelta(days=11)) == []
    Mentorship.objects.filter(pk=pairing.pk).update(ended_on=None)
    with time_machine.travel(START + datetime.timedelta(days=1), tick=False):
        for lesson in stalled_course.course.lessons():
            lms_services.complete_lesson(stalled_course, lesson)
    assert sweep(START + datetime.timedelta(days=40)) == []
