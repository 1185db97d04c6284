"""The pre-test as a choice before the lessons (take it or skip it), the result pages'
next step, and one rounding of scores and learning gain for every page and report."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lms import services as lms_services
from lms.models import Enrolment, LearnerCategory
from motivation.services.mentoring import mentee_progress
from quizzes import services
from quizzes.models import Quiz
from reports.services.courses import course_report
from tests.lms.factories import administrator, course, member
from tests.motivation.factories import mentorship
from tests.quizzes.factories import bank, quiz, single
from tests.reports.factories import almaty, completed, scored


@pytest.fixture
def learner(union):
    return member(union.school_a, category=LearnerCategory.MEMBER)


@pytest.fixture
def page(catalogue):
    page = course(catalogue, modules=1, lessons=2)
    questions = bank()
    for _ in range(3):
        single(questions)
    quiz(page, [questions], role=Quiz.Role.PRE, question_count=3)
    quiz(page, [questions], question_count=3, pass_mark=70)
    return page


def quiz_of(page, role):
    return page.quizzes.get(role=role)


def take(user, test, right):
    """Start, answer ``right`` questions rightly and the rest wrongly, submit."""
    attempt = services.start_attempt(user, test)
    answers = {}
    for number, item in enumerate(attempt.items.all()):
        fraction = 1 if number < right else 0
        answers[item.position] = item.question.options.filter(fraction=fraction).first().pk
    services.save_answers(attempt, answers)
    return services.submit_attempt(attempt)


# --- Skipping the pre-test -------------------------------------------------------------


def test_skipping_the_pre_test_is_kept_once_and_leads_to_the_first_lesson(client, page, learner):
    lms_services.enrol(learner, page)
    client.force_login(learner)
    skip = reverse("quizzes:skip", args=[quiz_of(page, Quiz.Role.PRE).pk])

    response = client.post(skip)
    first = Enrolment.objects.get(user=learner).pre_test_skipped_at
    client.post(skip)

    assert response.url == page.lessons().first().url
    assert first is not None and Enrolment.objects.get(user=learner).pre_test_skipped_at == first


def test_a_pre_test_taken_is_not_recorded_as_skipped(page, learner):
    lms_services.enrol(learner, page)
    take(learner, quiz_of(page, Quiz.Role.PRE), right=1)

    enrolment = services.skip_pre_test(learner, quiz_of(page, Quiz.Role.PRE))

    assert enrolment.pre_test_skipped_at is None


def test_only_the_pre_test_can_be_skipped_and_only_by_the_enrolled(page, learner, union):
    lms_services.enrol(learner, page)
    with pytest.raises(services.AttemptRefused):
        services.skip_pre_test(learner, quiz_of(page, Quiz.Role.POST))
    with pytest.raises(services.AttemptRefused):
        services.skip_pre_test(member(union.school_b), quiz_of(page, Quiz.Role.PRE))
    assert not Enrolment.objects.filter(pre_test_skipped_at__isnull=False).exists()


def test_skipping_needs_a_post(client, page, learner):
    lms_services.enrol(learner, page)
    client.force_login(learner)

    assert client.get(reverse("quizzes:skip", args=[quiz_of(page, Quiz.Role.PRE).pk])).status_code == 405


# --- The pre-test's start page ---------------------------------------------------------


def test_the_pre_test_page_says_what_it_is_for_and_offers_start_or_skip(client, english, page, learner):
    lms_services.enrol(learner, page)
    client.force_login(learner)
    pre_test = quiz_of(page, Quiz.Role.PRE)

    html = client.get(reverse("quizzes:start", args=[pre_test.pk])).content.decode()

    assert "This test measures what you know before the course" in html
    assert "It does not affect passing" in html
    assert "Start the pre-test" in html
    assert f'action="{reverse("quizzes:skip", args=[pre_test.pk])}"' in html
    assert "Skip it and go to the lessons" in html


def test_once_taken_the_pre_test_page_leads_to_the_lessons(client, english, page, learner):
    lms_services.enrol(learner, page)
    take(learner, quiz_of(page, Quiz.Role.PRE), right=1)
    client.force_login(learner)

    html = client.get(reverse("quizzes:start", args=[quiz_of(page, Quiz.Role.PRE).pk])).content.decode()

    assert f'<a class="button" href="{page.lessons().first().url}">Go to the lessons</a>' in html
    assert "Skip it" not in html


# --- The result pages' next step -------------------------------------------------------


def test_the_pre_test_result_has_one_primary_button_to_the_lessons(client, english, page, learner):
    lms_services.enrol(learner, page)
    attempt = take(learner, quiz_of(page, Quiz.Role.PRE), right=1)
    client.force_login(learner)

    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()

    assert f'<a class="button" href="{page.lessons().first().url}">Go to the lessons</a>' in html
    assert html.count('class="button"') == 1


def test_the_passed_final_test_announces_the_completion_and_the_certificate(
    client, english, page, learner, django_capture_on_commit_callbacks
):
    enrolment = lms_services.enrol(learner, page)
    for lesson in page.lessons():
        lms_services.complete_lesson(enrolment, lesson)
    with django_capture_on_commit_callbacks(execute=True):
        attempt = take(learner, quiz_of(page, Quiz.Role.POST), right=3)
    certificate = learner.certificates.get()
    client.force_login(learner)

    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()

    assert "Course completed" in html
    assert f'href="{reverse("certificates:download", args=[certificate.serial])}"' in html
    assert f'href="{reverse("certificates:verify", args=[certificate.code])}"' in html


def test_a_final_test_passed_before_the_lessons_says_what_is_left_with_its_button(
    client, english, page, learner
):
    lms_services.enrol(learner, page)
    attempt = take(learner, quiz_of(page, Quiz.Role.POST), right=3)
    client.force_login(learner)

    html = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()

    assert "Finish the required lessons (2 left)." in html
    assert f'<a class="button" href="{page.lessons().first().url}">Next lesson</a>' in html
    assert "Course completed" not in html


def test_result_pages_run_a_bounded_number_of_queries(
    client, page, learner, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    enrolment = lms_services.enrol(learner, page)
    pre = take(learner, quiz_of(page, Quiz.Role.PRE), right=1)
    for lesson in page.lessons():
        lms_services.complete_lesson(enrolment, lesson)
    with django_capture_on_commit_callbacks(execute=True):
        post = take(learner, quiz_of(page, Quiz.Role.POST), right=3)
    client.force_login(learner)

    for url in (reverse("quizzes:result", args=[pre.pk]), reverse("quizzes:result", args=[post.pk]),
                reverse("quizzes:start", args=[quiz_of(page, Quiz.Role.PRE).pk])):
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200, url


# --- One rounding rule -----------------------------------------------------------------


@pytest.mark.parametrize("value, shown", [
    (87.5, 88), (87.49999999999999, 88), (87.46, 87), (Decimal("86.67"), 87), (-12.5, -13),
    (0, 0), (None, None),
])
def test_whole_percent_rounds_halves_away_from_zero_and_ignores_float_noise(value, shown):
    assert services.whole_percent(value) == shown


def test_the_learner_her_mentor_and_the_course_report_see_the_same_learning_gain(
    client, union, catalogue, learner, django_assert_max_num_queries
):
    """Pre-test 50 %, final test 93.73 %: a gain of 87.46 %, which the result page used to
    round to 88, the mentor's page to 87 and the course report to 87.5."""
    page = course(catalogue, modules=1, lessons=1, title="X")
    questions = bank()
    single(questions)
    pre, post = quiz(page, [questions], role=Quiz.Role.PRE), quiz(page, [questions])
    at = almaty(2024, 3, 1)
    completed(learner, page, at, enrolled_at=at)
    scored(pre, learner, Decimal("50.00"), at)
    final = scored(post, learner, Decimal("93.73"), at)
    pairing = mentorship(member(union.school_a), learner)
    client.force_login(learner)

    result = client.get(reverse("quizzes:result", args=[final.pk])).content.decode()
    [mentor_sees] = mentee_progress(pairing).enrolments
    [reported] = course_report(administrator(union.region_a), union.region_a, year=2024).by_course

    assert "87%" in result and "88%" not in result
    assert mentor_sees["gain"] == reported.gain == 87
    assert (mentor_sees["pre"], mentor_sees["post_test_score"]) == (reported.pre, reported.post) == (50, 94)
