"""The page benchmark's own parts that need neither gunicorn nor wrk: reading wrk's result
line, preparing the benchmark learners, and the requests it would send."""

import pytest

from bench import pages
from lms.models import Enrolment, LessonProgress, OrganisationKind, User
from quizzes.models import Attempt, Quiz
from tests.lms.factories import course
from tests.quizzes.factories import bank, quiz, single

WRK_OUTPUT = """Running 20s test @ http://127.0.0.1:8100
  1 threads and 50 connections
WRK_RESULT requests=2000 duration_us=20000000 p50_us=41500 p95_us=88000 p99_us=120500 max_us=300000 \
non2xx=3 connect=1 read=2 write=0 timeout=4
"""


def test_the_wrk_result_line_is_read_in_milliseconds_and_per_second():
    result = pages.parse_wrk(WRK_OUTPUT)

    assert result.per_second == 100
    assert (result.p50_ms, result.p95_ms, result.p99_ms, result.max_ms) == (41.5, 88, 120.5, 300)
    assert (result.non2xx, result.socket_errors, result.errors) == (3, 7, 10)


def test_output_without_a_result_line_is_an_error():
    with pytest.raises(ValueError, match="no result line"):
        pages.parse_wrk("unable to connect to 127.0.0.1:8100 Connection refused")


@pytest.fixture
def demo_like(union, catalogue):
    """One course a new learner may take, with a pre-test, and one behind a prerequisite."""
    first = course(catalogue, modules=1, lessons=3)
    questions = bank()
    for _ in range(3):
        single(questions)
    quiz(first, [questions], role=Quiz.Role.PRE, question_count=2)
    quiz(course(catalogue, prerequisites=[first]), [questions], role=Quiz.Role.PRE)
    return first


def test_learners_are_prepared_once_with_enrolment_lesson_and_open_attempt(demo_like):
    learners = pages.prepare_learners(count=3)
    again = pages.prepare_learners(count=3)

    assert [learner.attempt.pk for learner in again] == [learner.attempt.pk for learner in learners]
    assert User.objects.filter(username__startswith=pages.LEARNER_PREFIX).count() == 3
    first_lesson = demo_like.lessons().first()
    for learner in again:
        assert learner.course == demo_like
        assert learner.user.profile.organisation.kind == OrganisationKind.PRIMARY_ORGANISATION
        enrolment = Enrolment.objects.get(user=learner.user)
        assert list(LessonProgress.objects.filter(enrolment=enrolment).values_list("lesson", flat=True)) == [
            first_lesson.pk
        ]
        assert learner.lesson == demo_like.lessons()[1]
        assert Attempt.objects.get(user=learner.user).submitted_at is None


def test_every_benchmark_request_answers_200_with_its_expected_text(client, settings, demo_like):
    settings.ROOT_URLCONF = "bench.urls"
    learners = pages.prepare_learners(count=2)
    pages.log_in(learners)

    for page in pages.benchmark_pages(learners):
        for target in page.targets:
            headers = {"Cookie": target.cookie} if target.cookie else {}
            response = client.get(target.path, headers=headers)
            body = response.content.decode()
            assert response.status_code == 200, (page.key, target.path)
            assert all(text in body for text in target.expected), (page.key, target.expected)
