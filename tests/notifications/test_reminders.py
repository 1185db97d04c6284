import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from wagtail.models import Site

from content.models import WebinarIndexPage, WebinarPage, WebinarRegistration
from lms import services as lms_services
from lms.models import Enrolment, LearnerCategory
from notifications import kinds, services, tasks
from notifications.models import EmailOptOut, Reminder
from notifications.reminders.courses import DEADLINE, FOLLOW_UP, INACTIVITY, POST_TEST
from notifications.reminders.webinars import WEBINAR
from quizzes.models import Attempt
from reports.models import Applied, FollowUpAnswer
from tests.lms.factories import course, member
from tests.quizzes.factories import bank, quiz, single

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


def sweep(at):
    """Run the beat job as beat would, at ``at``; returns the reminders it created."""
    before = set(Reminder.objects.values_list("pk", flat=True))
    with time_machine.travel(at, tick=False):
        tasks.sweep_reminders.delay()
    return list(Reminder.objects.exclude(pk__in=before).order_by("pk"))


@pytest.fixture
def learner(union):
    return member(union.school_a, category=LearnerCategory.MEMBER, first_name="Ольга", last_name="Петренко")


@pytest.fixture
def course_page(catalogue):
    return course(catalogue, modules=1, lessons=2, title="Трудовое право")


@pytest.fixture
def enrolment(learner, course_page):
    with time_machine.travel(START, tick=False):
        return lms_services.enrol(learner, course_page)


# --- Inactivity ------------------------------------------------------------------------


def test_no_progress_for_seven_days_sends_one_reminder(enrolment, learner):
    assert sweep(START + datetime.timedelta(days=6)) == []
    [reminder] = sweep(START + datetime.timedelta(days=8))
    assert (reminder.user, reminder.kind) == (learner, INACTIVITY.code)
    assert [message.to for message in mail.outbox] == [[learner.email]]
    assert "Трудовое право" in mail.outbox[0].body
    assert sweep(START + datetime.timedelta(days=9)) == []  # beat fired again: nothing new
    assert len(mail.outbox) == 1


def test_a_new_stretch_of_inactivity_is_a_new_reminder(enrolment, course_page):
    sweep(START + datetime.timedelta(days=8))
    with time_machine.travel(START + datetime.timedelta(days=10), tick=False):
        lms_services.complete_lesson(enrolment, course_page.lessons().first())
    assert sweep(START + datetime.timedelta(days=15)) == []
    assert len(sweep(START + datetime.timedelta(days=18))) == 1
    assert Reminder.objects.filter(kind=INACTIVITY.code).count() == 2


def test_finished_courses_get_no_inactivity_reminder(enrolment, course_page):
    with time_machine.travel(START, tick=False):
        for lesson in course_page.lessons():
            lms_services.complete_lesson(enrolment, lesson)
    assert sweep(START + datetime.timedelta(days=30)) == []


def test_the_inactivity_period_is_a_setting(enrolment, settings):
    settings.REMINDER_INACTIVITY_DAYS = 3
    assert len(sweep(START + datetime.timedelta(days=4))) == 1


# --- Deadlines -------------------------------------------------------------------------


def test_deadline_reminders_three_days_and_one_day_before(enrolment):
    Enrolment.objects.filter(pk=enrolment.pk).update(deadline=datetime.date(2026, 3, 10))

    def deadlines(day):
        return [r.subject for r in sweep(datetime.datetime(2026, 3, day, 6, tzinfo=datetime.UTC))
                if r.kind == DEADLINE.code]

    assert deadlines(6) == []
    assert deadlines(7) == [f"e{enrolment.pk}:3d"]
    assert deadlines(8) == []  # two days left: the three-day reminder went already
    assert deadlines(9) == [f"e{enrolment.pk}:1d"]
    assert deadlines(11) == []  # past the deadline


# --- Post-test -------------------------------------------------------------------------


@pytest.fixture
def post_test(course_page):
    questions = bank()
    for _ in range(3):
        single(questions)
    return quiz(course_page, [questions], question_count=3, pass_mark=60)


def _all_lessons(enrolment, course_page, at):
    with time_machine.travel(at, tick=False):
        for lesson in course_page.lessons():
            lms_services.complete_lesson(enrolment, lesson)


def test_lessons_done_but_post_test_not_passed(enrolment, course_page, post_test):
    _all_lessons(enrolment, course_page, START)
    assert sweep(START + datetime.timedelta(hours=2)) == []  # may be taking the test right now
    [reminder] = sweep(START + datetime.timedelta(days=2))
    assert reminder.kind == POST_TEST.code


def test_no_post_test_reminder_before_the_lessons_or_after_passing(
    enrolment, course_page, post_test, learner
):
    with time_machine.travel(START, tick=False):
        lms_services.complete_lesson(enrolment, course_page.lessons().first())
    assert [r.kind for r in sweep(START + datetime.timedelta(days=2))] == []
    Attempt.objects.create(quiz=post_test, user=learner, number=1, passed=True, score=100, submitted_at=START)
    _all_lessons(enrolment, course_page, START + datetime.timedelta(days=3))
    assert [r.kind for r in sweep(START + datetime.timedelta(days=6))] == []


# --- Webinars --------------------------------------------------------------------------


@pytest.fixture
def webinar():
    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(instance=WebinarIndexPage(title="Вебинары", slug="webinars"))
    return index.add_child(instance=WebinarPage(
        title="Коллективный договор", slug="agreement", speaker="А. Серикова",
        starts_at=START + datetime.timedelta(days=3), duration_minutes=90,
    ))


def test_webinar_reminders_a_day_and_an_hour_before(webinar, learner):
    WebinarRegistration.objects.create(webinar=webinar, user=learner)
    starts = webinar.starts_at
    assert sweep(starts - datetime.timedelta(hours=30)) == []
    [day] = sweep(starts - datetime.timedelta(hours=23))
    assert sweep(starts - datetime.timedelta(hours=5)) == []
    [hour] = sweep(starts - datetime.timedelta(minutes=45))
    assert (day.kind, hour.kind) == (WEBINAR.code, WEBINAR.code)
    assert day.subject.endswith(":24h") and hour.subject.endswith(":1h")
    assert sweep(starts + datetime.timedelta(minutes=10)) == []
    assert "Коллективный договор" in mail.outbox[1].body


def test_no_webinar_reminder_without_registration(webinar, learner):
    assert sweep(webinar.starts_at - datetime.timedelta(minutes=45)) == []


# --- Follow-up -------------------------------------------------------------------------


def test_follow_up_ninety_days_after_completion(enrolment, course_page):
    _all_lessons(enrolment, course_page, START)
    assert [r.kind for r in sweep(START + datetime.timedelta(days=89))] == []
    [reminder] = sweep(START + datetime.timedelta(days=91))
    assert reminder.kind == FOLLOW_UP.code
    assert "Трудовое право" in mail.outbox[-1].body


def test_no_follow_up_reminder_once_it_is_answered(enrolment, course_page):
    _all_lessons(enrolment, course_page, START)
    FollowUpAnswer.objects.create(enrolment=enrolment, applied=Applied.choices[0][0])
    assert [r.kind for r in sweep(START + datetime.timedelta(days=91))] == []


def test_the_follow_up_reminder_opens_the_questionnaire(client, enrolment, course_page, learner):
    _all_lessons(enrolment, course_page, START)
    [reminder] = sweep(START + datetime.timedelta(days=91))
    client.force_login(learner)
    response = client.get(reverse("notifications:open", args=[reminder.pk]))
    assert response.url == reverse("reports:follow_up", args=[enrolment.pk])
    assert client.get(response.url).status_code == 200


# --- At most once, in chunks -------------------------------------------------------------


def test_two_runs_over_the_same_chunk_send_once(enrolment):
    at = START + datetime.timedelta(days=8)
    first = services.process_chunk("inactivity", 0, 10**9, at)
    second = services.process_chunk("inactivity", 0, 10**9, at)
    assert (first, second) == ((1, 1), (0, 0))
    assert len(mail.outbox) == 1


def test_small_chunks_cover_every_row(catalogue, union, course_page):
    learners = [member(union.school_a) for _ in range(7)]
    with time_machine.travel(START, tick=False):
        for person in learners:
            lms_services.enrol(person, course_page)
    plan = services.sweep_plan(size=2)
    assert len([step for step in plan if step[0] == "inactivity"]) >= 4
    for name, low, high in plan:
        services.process_chunk(name, low, high, START + datetime.timedelta(days=8))
    assert set(Reminder.objects.values_list("user", flat=True)) == {person.pk for person in learners}


# --- Email -----------------------------------------------------------------------------


def test_the_email_has_html_text_and_a_one_click_unsubscribe(enrolment):
    sweep(START + datetime.timedelta(days=8))
    email = mail.outbox[0]
    assert email.alternatives[0][1] == "text/html"
    assert "<html" in email.alternatives[0][0]
    unsubscribe = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in email.body


def test_reminders_are_in_the_learners_language(union, course_page):
    kazakh = member(union.school_a)
    kazakh.profile.language = "kk"
    kazakh.profile.save()
    with time_machine.travel(START, tick=False):
        lms_services.enrol(kazakh, course_page)
    sweep(START + datetime.timedelta(days=8))
    assert mail.outbox[0].subject == "Курсты жалғастырыңыз"
    assert "Сәлеметсіз бе" in mail.outbox[0].body


def test_one_click_unsubscribe_stops_that_kind_only(client, enrolment, learner, webinar):
    sweep(START + datetime.timedelta(days=8))
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").split("://", 1)[1].split("/", 1)[1]
    confirm = client.get("/" + url)
    assert confirm.status_code == 200 and not EmailOptOut.objects.exists()  # a link scanner changes nothing
    assert client.post("/" + url).status_code == 200  # the mail client's one-click POST, no login
    assert list(EmailOptOut.objects.values_list("user", "kind")) == [(learner.pk, INACTIVITY.code)]

    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=START + datetime.timedelta(days=10))
    assert len(sweep(START + datetime.timedelta(days=18))) == 1  # still in the bell list
    assert len(mail.outbox) == 1  # but not emailed
    WebinarRegistration.objects.create(webinar=webinar, user=learner)
    sweep(webinar.starts_at - datetime.timedelta(minutes=30))
    assert len(mail.outbox) == 2  # other kinds still come


def test_a_tampered_unsubscribe_link_is_refused(client, learner):
    token = services.unsubscribe_token(learner.pk, INACTIVITY.code)
    assert client.post(reverse("notifications:unsubscribe", args=[token[:-2] + "xx"])).status_code == 404
    assert not EmailOptOut.objects.exists()


def test_preferences_page(client, learner):
    client.force_login(learner)
    response = client.post(reverse("notifications:preferences"), {"email_kinds": [WEBINAR.code]})
    assert response.status_code == 302
    emailed = [kind.code for kind in kinds.emailed(learner)]
    assert services.opted_out_kinds(learner) == set(emailed) - {WEBINAR.code}
    client.post(reverse("notifications:preferences"), {"email_kinds": emailed})
    assert services.opted_out_kinds(learner) == set()


# --- The bell ----------------------------------------------------------------------------


def test_the_bell_lists_reminders_and_opening_one_marks_it_read(
    client, enrolment, learner, course_page, union
):
    [reminder] = sweep(START + datetime.timedelta(days=8))
    client.force_login(learner)
    dashboard = client.get(reverse("lms:dashboard")).content.decode()
    assert 'class="badge">1<' in dashboard
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "Трудовое право" in listing
    response = client.get(reverse("notifications:open", args=[reminder.pk]))
    assert response.status_code == 302 and response.url == course_page.url
    reminder.refresh_from_db()
    assert reminder.read_at is not None
    assert 'class="badge"' not in client.get(reverse("lms:dashboard")).content.decode()

    client.force_login(member(union.school_b))
    assert client.get(reverse("notifications:open", args=[reminder.pk])).status_code == 404


def test_the_bell_page_has_a_query_budget(client, learner, catalogue, django_assert_max_num_queries):
    client.force_login(learner)
    for size in (1, 12):
        Reminder.objects.bulk_create([
            Reminder(user=learner, kind=INACTIVITY.code, subject=f"s{size}-{n}", claim=f"{n:032x}",
                     params={"course_title": "Курс", "course_id": 0})
            for n in range(size)
        ])
        with django_assert_max_num_queries(6):
            assert client.get(reverse("notifications:list")).status_code == 200
