"""The learner's way through a course as the pages lead it: enrolling into the pre-test,
where she is in the course, each next step with its button, and the completion."""

import pytest
from django.urls import reverse

from lms import services
from lms.models import Enrolment, LearnerCategory
from quizzes import services as quiz_services
from quizzes.models import Quiz
from tests.lms.factories import course, member
from tests.quizzes.factories import bank, quiz, single


@pytest.fixture
def learner(union):
    return member(union.school_a, category=LearnerCategory.MEMBER)


def course_with_tests(catalogue, *, modules=1, lessons=3, questions=3, pre=True):
    """A course with a post-test (pass mark 70) and, with ``pre``, a pre-test."""
    page = course(catalogue, modules=modules, lessons=lessons)
    questions_bank = bank()
    for _ in range(questions):
        single(questions_bank)
    if pre:
        quiz(page, [questions_bank], role=Quiz.Role.PRE, question_count=questions)
    quiz(page, [questions_bank], question_count=questions, pass_mark=70)
    return page


def enrol(client, page):
    return client.post(reverse("lms:enrol", args=[page.pk]))


def done(client, lesson):
    return client.post(reverse("lms:complete_lesson", args=[lesson.pk]))


def pass_post_test(user, page):
    attempt = quiz_services.start_attempt(user, page.quizzes.get(role=Quiz.Role.POST))
    quiz_services.save_answers(attempt, {
        item.position: item.question.options.get(fraction=1).pk for item in attempt.items.all()
    })
    return quiz_services.submit_attempt(attempt)


# --- Enrolling leads into the pre-test -------------------------------------------------


def test_enrolling_in_a_course_with_a_pre_test_leads_to_the_pre_test(client, catalogue, learner):
    page = course_with_tests(catalogue)
    client.force_login(learner)

    response = enrol(client, page)

    assert response.url == reverse("quizzes:start", args=[page.quizzes.get(role=Quiz.Role.PRE).pk])


def test_enrolling_in_a_course_without_a_pre_test_opens_lesson_one(client, catalogue, learner):
    page = course_with_tests(catalogue, pre=False)
    client.force_login(learner)

    assert enrol(client, page).url == page.lessons().first().url


def test_the_course_page_offers_the_pre_test_until_it_is_skipped(client, english, catalogue, learner):
    page = course_with_tests(catalogue)
    pre_test = page.quizzes.get(role=Quiz.Role.PRE)
    client.force_login(learner)
    enrol(client, page)

    offered = client.get(page.url).content.decode()
    client.post(reverse("quizzes:skip", args=[pre_test.pk]))
    after_skip = client.get(page.url).content.decode()

    start = reverse("quizzes:start", args=[pre_test.pk])
    assert "It does not affect passing." in offered and f'class="button" href="{start}"' in offered
    assert f'class="button" href="{start}"' not in after_skip
    assert f'href="{page.lessons().first().url}"' in after_skip  # "Start" leads to lesson 1


def test_once_a_lesson_is_done_the_pre_test_is_no_longer_offered(catalogue, learner):
    page = course_with_tests(catalogue)
    enrolment = services.enrol(learner, page)
    assert services.step_before_lessons(enrolment) is not None

    services.complete_lesson(enrolment, page.lessons().first())

    assert services.step_before_lessons(enrolment) is None
    assert services.where_to_start(enrolment) == list(page.lessons())[1].url


# --- Where the learner is --------------------------------------------------------------


def test_the_lesson_page_says_which_lesson_of_how_many_with_previous_and_next(
    client, english, catalogue, learner
):
    page = course_with_tests(catalogue, modules=2, lessons=2, pre=False)
    lessons = list(page.lessons())
    client.force_login(learner)
    enrol(client, page)

    third = client.get(lessons[2].url)
    first = client.get(lessons[0].url).content.decode()

    html = third.content.decode()
    assert "Lesson 3 of 4" in html
    assert f'href="{lessons[1].url}" rel="prev"' in html and f'href="{lessons[3].url}" rel="next"' in html
    assert "Lesson 1 of 4" in first and 'rel="prev"' not in first


def test_the_lesson_position_is_counted_in_russian(client, catalogue, learner):
    page = course_with_tests(catalogue, modules=1, lessons=7, pre=False)
    client.force_login(learner)
    enrol(client, page)
    client.post(reverse("lms:switch_language"), {"language": "ru", "next": "/"})

    assert "Урок 3 из 7" in client.get(list(page.lessons())[2].url).content.decode()


def test_after_the_last_lesson_the_final_test_note_carries_its_button(client, english, catalogue, learner):
    page = course_with_tests(catalogue, lessons=2, pre=False)
    post_test = page.quizzes.get(role=Quiz.Role.POST)
    client.force_login(learner)
    enrol(client, page)
    for lesson in page.lessons():
        after = done(client, lesson)

    last_lesson = client.get(page.lessons().last().url).content.decode()
    course_page = client.get(after.url).content.decode()

    button = f'<a class="button" href="{reverse("quizzes:start", args=[post_test.pk])}">Final test</a>'
    for html in (last_lesson, course_page):
        assert "Pass the final test (pass mark 70%)." in html
        assert button in html


def test_required_lessons_left_are_a_step_with_the_button_to_the_next_of_them(catalogue, learner):
    page = course_with_tests(catalogue, lessons=3, pre=False)
    enrolment = services.enrol(learner, page)
    services.complete_lesson(enrolment, page.lessons().first())

    lessons_step, final_test = services.completion_blockers(enrolment)

    assert lessons_step.url == list(page.lessons())[1].url
    assert final_test.url == reverse("quizzes:start", args=[page.quizzes.get().pk])


# --- One count of lessons everywhere ---------------------------------------------------


def test_my_learning_and_the_course_page_count_the_same_lessons(client, catalogue, learner):
    """An optional lesson and an unpublished one count on neither page."""
    page = course(catalogue, modules=1, lessons=5)
    optional, unpublished = list(page.lessons())[3:]
    optional.required = False
    optional.save_revision().publish()
    unpublished.unpublish()
    client.force_login(learner)
    enrol(client, page)
    done(client, page.lessons().first())
    done(client, optional)

    [listed] = client.get(reverse("lms:dashboard")).context["enrolments"]
    shown = client.get(page.url).context["enrolment"]

    assert (listed.lessons_done, listed.lessons_total) == (1, 3)
    assert (shown.lessons_done, shown.lessons_total) == (1, 3)


# --- The completion moment -------------------------------------------------------------


def test_a_completed_course_page_shows_the_certificate_to_download_and_share(
    client, english, catalogue, learner, django_capture_on_commit_callbacks
):
    page = course_with_tests(catalogue, lessons=1, pre=False)
    enrolment = services.enrol(learner, page)
    services.complete_lesson(enrolment, page.lessons().get())
    with django_capture_on_commit_callbacks(execute=True):
        pass_post_test(learner, page)
    certificate = learner.certificates.get()
    client.force_login(learner)

    html = client.get(page.url).content.decode()

    assert "Course completed" in html
    assert f'href="{reverse("certificates:download", args=[certificate.serial])}"' in html
    assert f'href="{reverse("certificates:verify", args=[certificate.code])}"' in html
    assert "Rate this course" in html


def test_until_the_certificate_is_issued_the_course_page_says_it_is_being_prepared(
    client, english, catalogue, learner
):
    page = course(catalogue, modules=1, lessons=1)
    enrolment = services.enrol(learner, page)
    services.complete_lesson(enrolment, page.lessons().get())  # no commit: the task waits
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at is not None
    client.force_login(learner)

    html = client.get(page.url).content.decode()

    assert "Course completed" in html and "Your certificate is being prepared." in html
    assert "/download/" not in html


# --- Query budgets ---------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1, 2, 3), (3, 4, 12)])
def test_journey_pages_run_a_bounded_number_of_queries(
    client, catalogue, learner, django_assert_max_num_queries, django_capture_on_commit_callbacks, size
):
    modules, lessons, questions = size
    offered = course_with_tests(catalogue, modules=modules, lessons=lessons, questions=questions)
    finishing = course_with_tests(catalogue, modules=modules, lessons=lessons, questions=questions)
    finished = course_with_tests(catalogue, modules=modules, lessons=lessons, questions=questions)
    client.force_login(learner)
    for page in (offered, finishing, finished):
        enrol(client, page)
    for page in (finishing, finished):
        for lesson in page.lessons():
            done(client, lesson)
    with django_capture_on_commit_callbacks(execute=True):
        pass_post_test(learner, finished)

    for url, budget in [
        (offered.url, 17),  # the pre-test offered
        (finishing.url, 17),  # the final test to pass, with its button
        (finishing.lessons().last().url, 15),  # the last lesson, the same step
        (finished.url, 13),  # completed, with the certificate
        (reverse("lms:dashboard"), 8),
    ]:
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url
