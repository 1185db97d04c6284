import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import FeedbackAnswer, FollowUpAnswer
from reports.services.feedback import (
    FOLLOW_UP_AFTER,
    QuestionnaireRefused,
    feedback_report,
    submit_course_feedback,
    submit_event_feedback,
    submit_follow_up,
)
from tests.lms.factories import UserFactory, administrator, course, member

from .factories import almaty, attend, completed, enrolled, training_event

RATINGS = {"overall": 5, "usefulness": 4, "trainer_rating": 5, "materials": 3, "comment": "Очень полезно"}


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def learner(union):
    return member(union.school_a)


@pytest.fixture
def done(learner, catalogue):
    """A course the learner completed 100 days ago."""
    return completed(learner, course(catalogue, modules=1, lessons=1), days_ago(100))


# --- Answering -------------------------------------------------------------------------


def test_a_learner_rates_a_completed_course_once(client, learner, done):
    client.force_login(learner)
    url = reverse("reports:course_feedback", args=[done.pk])

    response = client.post(url, {**RATINGS})
    again = client.post(url, {**RATINGS, "overall": 1})

    assert response.url == reverse("lms:dashboard")
    assert again.status_code == 200 and again.context["answer"] is not None
    answer = FeedbackAnswer.objects.get()
    assert (answer.enrolment, answer.overall, answer.comment) == (done, 5, "Очень полезно")


def test_ratings_outside_one_to_five_are_refused(client, learner, done):
    client.force_login(learner)

    response = client.post(reverse("reports:course_feedback", args=[done.pk]), {**RATINGS, "overall": 6})

    assert "overall" in response.context["form"].errors
    assert not FeedbackAnswer.objects.exists()


def test_an_unfinished_course_cannot_be_rated_yet(client, learner, catalogue):
    started = enrolled(learner, course(catalogue, modules=1, lessons=1), timezone.now())
    client.force_login(learner)

    response = client.post(reverse("reports:course_feedback", args=[started.pk]), RATINGS)

    assert response.context["refusal"]
    assert not FeedbackAnswer.objects.exists()
    with pytest.raises(QuestionnaireRefused):
        submit_course_feedback(started, overall=3, usefulness=3, trainer_rating=3, materials=3)


@pytest.mark.parametrize("name", ["course_feedback", "follow_up"])
def test_only_the_enrolments_owner_reaches_its_questionnaires(client, union, done, name):
    url = reverse(f"reports:{name}", args=[done.pk])
    assert client.get(url).status_code == 302  # to log in

    for stranger in (member(union.school_a), administrator(union.region_a), UserFactory(is_superuser=True)):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
        assert client.post(url, {**RATINGS, "applied": "yes"}).status_code == 404
    assert client.get(reverse(f"reports:{name}", args=[999_999])).status_code == 404
    assert not FeedbackAnswer.objects.exists() and not FollowUpAnswer.objects.exists()


def test_the_follow_up_opens_ninety_days_after_completion(client, learner, catalogue, done):
    recent = completed(learner, course(catalogue, modules=1, lessons=1), days_ago(10))
    client.force_login(learner)

    early = client.post(reverse("reports:follow_up", args=[recent.pk]), {"applied": "yes"})
    assert early.context["refusal"] and not FollowUpAnswer.objects.exists()

    response = client.post(reverse("reports:follow_up", args=[done.pk]),
                           {"applied": "partly", "example": "Провели переговоры по колдоговору"})

    assert response.url == reverse("lms:dashboard")
    answer = FollowUpAnswer.objects.get()
    assert (answer.enrolment, answer.applied) == (done, "partly")
    with pytest.raises(QuestionnaireRefused):
        submit_follow_up(done, applied="yes")
    assert FOLLOW_UP_AFTER == datetime.timedelta(days=90)


def test_a_participant_rates_an_event_only_their_own_attendance(client, union, learner):
    event = training_event(union.district_a, datetime.date(2025, 2, 2))
    (mine,) = attend(event, learner)
    (theirs,) = attend(event, member(union.school_a2))
    client.force_login(learner)

    assert client.post(reverse("reports:event_feedback", args=[theirs.pk]), RATINGS).status_code == 404
    client.post(reverse("reports:event_feedback", args=[mine.pk]), RATINGS)

    assert list(FeedbackAnswer.objects.values_list("attendance", flat=True)) == [mine.pk]
    with pytest.raises(QuestionnaireRefused):
        submit_event_feedback(mine, **RATINGS)


def test_my_learning_asks_for_the_questionnaires_not_answered_yet(
    client, union, learner, done, catalogue, django_assert_max_num_queries
):
    event = training_event(union.district_a, datetime.date(2025, 2, 2), title="Семинар по охране труда")
    (attendance,) = attend(event, learner)
    client.force_login(learner)

    with django_assert_max_num_queries(10):  # the budget of "My learning" (tests/lms)
        page = client.get(reverse("lms:dashboard")).content.decode()

    assert reverse("reports:course_feedback", args=[done.pk]) in page
    assert reverse("reports:event_feedback", args=[attendance.pk]) in page
    assert reverse("reports:follow_up", args=[done.pk]) in page

    submit_course_feedback(done, **RATINGS)
    submit_event_feedback(attendance, **RATINGS)
    submit_follow_up(done, applied="yes")
    page = client.get(reverse("lms:dashboard")).content.decode()
    assert "/reports/questionnaire/" not in page and "/reports/follow-up/" not in page


# --- Results ---------------------------------------------------------------------------


def test_results_per_course_event_and_trainer(union, catalogue, settings):
    settings.REPORTS_MIN_GROUP = 1  # the arithmetic; tests/reports/test_privacy.py hides small groups
    trainer = UserFactory(first_name="Гүлнар", last_name="Әбдірахманова")
    law = course(catalogue, modules=1, lessons=1, title="Трудовое право", owner=trainer)
    long_ago = timezone.now() - datetime.timedelta(days=120)
    people = [member(union.school_a) for _ in range(3)] + [member(union.school_b)]
    enrolments = [completed(person, law, long_ago) for person in people]
    answers = zip(enrolments, (5, 4, 3, 1), ("yes", "partly", "no", "no"), strict=True)
    for enrolment, overall, applied in answers:
        submit_course_feedback(enrolment, overall=overall, usefulness=4, trainer_rating=5, materials=4)
        submit_follow_up(enrolment, applied=applied, example="")
    seminar = training_event(union.district_a, datetime.date(2025, 2, 2), title="Семинар", trainer=trainer)
    guest = training_event(union.district_a, datetime.date(2025, 3, 3), title="Тренинг", trainer_name="Гость")
    attendances = attend(seminar, *people[:2]) + attend(guest, people[0])
    for attendance, overall in zip(attendances, (2, 4, 5), strict=True):
        submit_event_feedback(attendance, overall=overall, usefulness=3, trainer_rating=3, materials=3)

    report = feedback_report(administrator(union.region_a), union.region_a)

    # label, answers, overall, usefulness, trainer, materials, follow-ups, yes %, partly %, no %
    assert [row.values() for row in report.by_course] == [
        ["Трудовое право", 3, 4.0, 4.0, 5.0, 4.0, 3, 33.3, 33.3, 33.3],
    ]
    assert [row.values(with_follow_ups=False) for row in report.by_event] == [
        ["Тренинг (March 3, 2025)", 1, 5.0, 3.0, 3.0, 3.0],  # dates in the active language
        ["Семинар (Feb. 2, 2025)", 2, 3.0, 3.0, 3.0, 3.0],
    ]
    trainers = {row.label: row.values() for row in report.by_trainer}
    # The course's owner and the seminar's trainer are one person: 3 + 2 answers.
    assert trainers == {
        "Гость": ["Гость", 1, 5.0, 3.0, 3.0, 3.0, 0, None, None, None],
        "Гүлнар Әбдірахманова": ["Гүлнар Әбдірахманова", 5, 3.6, 3.6, 4.2, 3.6, 3, 33.3, 33.3, 33.3],
    }


def test_a_trainer_without_a_name_is_named_by_username_or_a_dash(union, catalogue, settings):
    settings.REPORTS_MIN_GROUP = 1
    nameless = UserFactory(first_name="", last_name="", username="trainer-7")
    courses = [course(catalogue, modules=1, lessons=1, title="Без автора", owner=None),
               course(catalogue, modules=1, lessons=1, title="Без имени", owner=nameless)]
    for page in courses:
        enrolment = completed(member(union.school_a), page, days_ago(100))
        submit_course_feedback(enrolment, overall=4, usefulness=4, trainer_rating=4, materials=4)
    guest = training_event(union.district_a, datetime.date(2025, 2, 2), trainer_name="  ")
    (attendance,) = attend(guest, member(union.school_a))
    submit_event_feedback(attendance, overall=3, usefulness=3, trainer_rating=3, materials=3)

    report = feedback_report(administrator(union.region_a), union.region_a)

    labels = sorted(row.label for row in report.by_trainer)
    assert labels == ["trainer-7", "—", "—"]  # the ownerless course and the event without a trainer
    assert not any("None" in label for label in labels)


def test_the_year_is_the_courses_or_events_not_the_answers(union, catalogue, settings):
    settings.REPORTS_MIN_GROUP = 1
    law = course(catalogue, modules=1, lessons=1, title="Трудовое право")
    enrolment = completed(member(union.school_a), law, almaty(2024, 12, 20))
    answer = submit_course_feedback(enrolment, overall=5, usefulness=5, trainer_rating=5, materials=5)
    answer.created_at = almaty(2025, 1, 10)  # answered in the new year
    answer.save()
    event = training_event(union.district_a, datetime.date(2024, 12, 27))
    (attendance,) = attend(event, member(union.school_a))
    answer = submit_event_feedback(attendance, overall=4, usefulness=4, trainer_rating=4, materials=4)
    answer.created_at = almaty(2025, 1, 5)
    answer.save()
    admin = administrator(union.region_a)

    for year, answers in ((2024, [1, 1]), (2025, [0, 0])):
        report = feedback_report(admin, union.region_a, year=year)
        counted = [sum(row.answers for row in rows) for rows in (report.by_course, report.by_event)]
        assert counted == answers
