"""What a chair sends her members from "My organisation" (motivation.models.MemberNotice)
becomes a reminder in the bell and an email, at once, and exactly once."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import translation

from lms import services as lms_services
from lms.models import LearnerCategory
from motivation.models import MemberNotice
from motivation.services import leading
from motivation.signals import notices_sent
from notifications import services, tasks
from notifications.models import EmailOptOut, Reminder
from notifications.reminders.common import when
from notifications.reminders.member_notices import LEADER_REMINDER, WEBINAR_INVITATION
from tests.content.factories import webinar as webinar_factory
from tests.content.factories import webinar_list_page
from tests.lms.factories import course, member

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
LATER = START + datetime.timedelta(days=8)  # the member's course has stalled by then


def sweep(at):
    before = set(Reminder.objects.values_list("pk", flat=True))
    with time_machine.travel(at, tick=False):
        tasks.sweep_reminders.delay()
    return list(Reminder.objects.exclude(pk__in=before).order_by("pk"))


@pytest.fixture
def chair(union):
    return member(union.school_a, category=LearnerCategory.PRIMARY_CHAIR,
                  first_name="Гүлнар", last_name="Әбдірахманова")


def _member(union, language, **kwargs):
    person = member(union.school_a, **kwargs)
    person.profile.language = language
    person.profile.save()
    return person


@pytest.fixture
def kazakh(union):
    return _member(union, "kk", first_name="Әлия", last_name="Нұрланқызы")


@pytest.fixture
def russian(union):
    return _member(union, "ru", first_name="Ольга", last_name="Петренко")


@pytest.fixture
def course_page(catalogue):
    return course(catalogue, modules=1, lessons=2, title="Трудовое право")


@pytest.fixture
def webinar(db):
    with time_machine.travel(LATER, tick=False):
        return webinar_factory(webinar_list_page(), title="Коллективный договор",
                               starts_in=datetime.timedelta(days=3))


def _stalled(person, course_page):
    with time_machine.travel(START, tick=False):
        return lms_services.enrol(person, course_page)


def remind(django_capture_on_commit_callbacks, chair, union, person, at=LATER):
    with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
        return leading.remind(chair, union.school_a, person.pk)


def invite(django_capture_on_commit_callbacks, chair, union, people, webinar, at=LATER):
    with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
        return leading.invite(chair, union.school_a, [person.pk for person in people], webinar)


def notice_reminders(reminders):
    return [r for r in reminders if r.kind in (LEADER_REMINDER.code, WEBINAR_INVITATION.code)]


def bell(client, person):
    client.force_login(person)
    return client.get(reverse("notifications:list")).content.decode()


def expected(reminder, language):
    with translation.override(language):
        return services.message(reminder)


def test_a_chairs_reminder_reaches_the_member_at_once(
    client, django_capture_on_commit_callbacks, chair, union, kazakh, russian, course_page
):
    for person in (kazakh, russian):
        _stalled(person, course_page)
        notice = remind(django_capture_on_commit_callbacks, chair, union, person)
        [reminder] = Reminder.objects.filter(user=person)
        assert (reminder.kind, reminder.subject) == (LEADER_REMINDER.code, f"n{notice.pk}")
        assert reminder.params["sender"] == "Гүлнар Әбдірахманова"
        assert reminder.params["organisation_name_kk"] == union.school_a.name_kk

        listing = bell(client, person)
        headline, sentence = expected(reminder, person.profile.language)
        assert headline in listing
        organisation = union.school_a.name_kk if person == kazakh else union.school_a.name_ru
        for part in ("Гүлнар Әбдірахманова", organisation, "Трудовое право"):
            assert part in sentence
        response = client.get(reverse("notifications:open", args=[reminder.pk]))
        assert response.status_code == 302 and response.url == course_page.url

    assert [email.to for email in mail.outbox] == [[kazakh.email], [russian.email]]
    assert "Сәлеметсіз бе" in mail.outbox[0].body and "Здравствуйте" in mail.outbox[1].body
    assert "Трудовое право" in mail.outbox[0].body
    assert mail.outbox[0].subject == expected(Reminder.objects.get(user=kazakh), "kk")[0]
    assert mail.outbox[1].subject == expected(Reminder.objects.get(user=russian), "ru")[0]
    subjects = [email.subject for email in mail.outbox]
    assert notice_reminders(sweep(LATER + datetime.timedelta(minutes=15))) == []  # nothing left
    assert Reminder.objects.filter(kind=LEADER_REMINDER.code).count() == 2
    assert [email.subject for email in mail.outbox if email.subject in subjects] == subjects


def test_an_invitation_reaches_each_member_once(
    client, django_capture_on_commit_callbacks, chair, union, kazakh, russian, webinar
):
    assert invite(django_capture_on_commit_callbacks, chair, union, [kazakh, russian], webinar) == 2
    reminders = list(Reminder.objects.order_by("user_id"))
    assert {(r.user, r.kind) for r in reminders} == {
        (kazakh, WEBINAR_INVITATION.code), (russian, WEBINAR_INVITATION.code)
    }
    notices = MemberNotice.objects.filter(kind=MemberNotice.Kind.WEBINAR)
    assert {r.subject for r in reminders} == {f"n{pk}" for pk in notices.values_list("pk", flat=True)}
    assert sorted(email.to[0] for email in mail.outbox) == sorted([kazakh.email, russian.email])

    for person in (kazakh, russian):
        reminder = Reminder.objects.get(user=person)
        assert reminder.params["webinar_title"] == "Коллективный договор"
        headline, sentence = expected(reminder, person.profile.language)
        listing = bell(client, person)
        assert headline in listing and "Коллективный договор" in listing
        organisation = union.school_a.name_kk if person == kazakh else union.school_a.name_ru
        assert "Гүлнар Әбдірахманова" in sentence and organisation in sentence
        with translation.override(person.profile.language):
            assert when(webinar.starts_at) in sentence
        response = client.get(reverse("notifications:open", args=[reminder.pk]))
        assert response.url == webinar.url

    # Invited again (nobody new) and swept: still one reminder and one email each.
    again = LATER + datetime.timedelta(minutes=5)
    assert invite(django_capture_on_commit_callbacks, chair, union, [kazakh, russian], webinar, at=again) == 0
    assert sweep(LATER + datetime.timedelta(minutes=15)) == []
    assert Reminder.objects.count() == 2 and len(mail.outbox) == 2


def test_an_opted_out_member_gets_the_bell_entry_but_no_email(
    client, django_capture_on_commit_callbacks, chair, union, russian, course_page, webinar
):
    EmailOptOut.objects.create(user=russian, kind=LEADER_REMINDER.code)
    _stalled(russian, course_page)
    remind(django_capture_on_commit_callbacks, chair, union, russian)
    [reminder] = Reminder.objects.filter(user=russian)
    assert reminder.kind == LEADER_REMINDER.code and reminder.emailed_at is None
    assert "Трудовое право" in bell(client, russian)
    assert mail.outbox == []
    invite(django_capture_on_commit_callbacks, chair, union, [russian], webinar)
    assert len(mail.outbox) == 1  # the other kind still comes


def test_the_unsubscribe_link_stops_that_kind(client, django_capture_on_commit_callbacks, chair, union,
                                              russian, webinar):
    invite(django_capture_on_commit_callbacks, chair, union, [russian], webinar)
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").split("://", 1)[1].split("/", 1)[1]
    assert client.post("/" + url).status_code == 200
    assert list(EmailOptOut.objects.values_list("kind", flat=True)) == [WEBINAR_INVITATION.code]


def test_processing_twice_makes_no_second_reminder(django_capture_on_commit_callbacks, chair, union,
                                                   russian, course_page):
    _stalled(russian, course_page)
    notice = remind(django_capture_on_commit_callbacks, chair, union, russian)
    again = services.process_chunk("leader_nudge", notice.pk, notice.pk + 1, LATER)
    notices_sent.send(sender=MemberNotice, notice_ids=[notice.pk])
    assert again == (0, 0)
    assert Reminder.objects.filter(user=russian).count() == 1
    assert len(mail.outbox) == 1


def test_the_sweep_delivers_a_notice_whose_immediate_processing_was_lost(
    union, chair, russian, course_page, webinar
):
    # Created without the signal, as when the broker was down when they were sent.
    nudge = MemberNotice.objects.create(kind=MemberNotice.Kind.STALLED_COURSE, member=russian,
                                        organisation=union.school_a, sent_by=chair, created_at=LATER,
                                        week=LATER.date(), course=course_page)
    invitation = MemberNotice.objects.create(kind=MemberNotice.Kind.WEBINAR, member=russian,
                                             organisation=union.school_a, sent_by=chair, created_at=LATER,
                                             webinar=webinar)
    found = notice_reminders(sweep(LATER + datetime.timedelta(minutes=10)))
    assert {(r.kind, r.subject) for r in found} == {
        (LEADER_REMINDER.code, f"n{nudge.pk}"), (WEBINAR_INVITATION.code, f"n{invitation.pk}")
    }
    assert len(mail.outbox) == 2
    assert notice_reminders(sweep(LATER + datetime.timedelta(minutes=25))) == []
    assert len(mail.outbox) == 2


def test_stale_notices_are_not_delivered_late(union, chair, russian, course_page, webinar):
    MemberNotice.objects.create(kind=MemberNotice.Kind.STALLED_COURSE, member=russian,
                                organisation=union.school_a, sent_by=chair, created_at=LATER,
                                week=LATER.date(), course=course_page)
    MemberNotice.objects.create(kind=MemberNotice.Kind.WEBINAR, member=russian,
                                organisation=union.school_a, sent_by=chair, created_at=LATER,
                                webinar=webinar)
    over = webinar.ends_at + datetime.timedelta(minutes=1)
    with time_machine.travel(over, tick=False):
        assert services.process_chunk("invitation", 0, 10**9) == (0, 0)  # the webinar is over
    with time_machine.travel(LATER + datetime.timedelta(days=8), tick=False):
        assert services.process_chunk("leader_nudge", 0, 10**9) == (0, 0)  # a week old: no news
    assert not Reminder.objects.exists()


def test_a_notice_from_a_deleted_account_is_signed_by_the_organisation(
    django_capture_on_commit_callbacks, chair, union, russian, course_page
):
    _stalled(russian, course_page)
    with time_machine.travel(LATER, tick=False):
        notice = leading.remind(chair, union.school_a, russian.pk)
    chair.delete()
    with time_machine.travel(LATER, tick=False):
        notices_sent.send(sender=MemberNotice, notice_ids=[notice.pk])
    [reminder] = Reminder.objects.filter(user=russian)
    assert reminder.params["sender"] is None
    headline, sentence = expected(reminder, "en")
    assert sentence.startswith(union.school_a.name_ru)
