from lms import services as lms_services
from quizzes import services as quiz_services
from tests.quizzes.factories import question

ESSAY = "essay"


def essay(bank, text="Опишите порядок заключения коллективного договора.", **fields):
    return question(bank, ESSAY, text_ru=text, **fields)


def submitted(learner, test, answers):
    """Start an attempt of ``test``, answer with ``answers(item)`` for each drawn question,
    and submit it; returns the attempt."""
    attempt = quiz_services.start_attempt(learner, test)
    quiz_services.save_answers(
        attempt, {item.position: answers(item) for item in attempt.items.select_related("question")}
    )
    return quiz_services.submit_attempt(attempt)


def learn(learner, page):
    """Enrol and finish every lesson: only the post-test is left before completion."""
    enrolment = lms_services.enrol(learner, page)
    for lesson in page.lessons():
        lms_services.complete_lesson(enrolment, lesson)
    return enrolment
