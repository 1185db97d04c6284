"""Two graders at once, on PostgreSQL with separate connections: an essay keeps one grade,
and an attempt is concluded (scored, and its course completed) exactly once."""

from dataclasses import dataclass

import pytest

from certificates.models import Certificate
from essays import services as essay_services
from essays.models import EssayGrade
from lms import services as lms_services
from lms.models import Enrolment, User
from lms.roles import Role
from notifications.models import Reminder
from quizzes import services
from quizzes.models import Attempt, AttemptQuestion, Question, QuestionBank
from tests.content.factories import with_role
from tests.essays.factories import essay, learn, submitted
from tests.integration.test_concurrent_submission import run_at_once
from tests.lms.factories import UnionTree, catalogue_page, course, member
from tests.quizzes.factories import bank, quiz

pytestmark = pytest.mark.integration


@dataclass
class Setting:
    page: object
    learner: object
    questions: object
    graders: list


@pytest.fixture
def committed(django_db_blocker):
    """A learner who finished the lessons of a course, a bank of two essays and two
    graders, committed so that other connections see them; removed afterwards."""
    with django_db_blocker.unblock():
        tree = UnionTree.build()
        catalogue = catalogue_page()
        page = course(catalogue, modules=1, lessons=1)
        learner = member(tree.school_a)
        questions = bank("concurrent grading")
        essay(questions)
        essay(questions, text="Зачем нужен профсоюзный комитет?")
        graders = [with_role(Role.TRAINER), with_role(Role.METHODOLOGIST)]
        learn(learner, page)
        yield Setting(page, learner, questions, graders)
        # Grading completes the course, so a certificate (which protects its enrolment and
        # holder) and the learner's notices exist by now.
        Certificate.objects.filter(enrolment__course=page).delete()
        Reminder.objects.filter(user=learner).delete()
        Attempt.objects.filter(quiz__course=page).delete()
        page.quizzes.all().delete()
        Question.objects.filter(bank=questions).delete()
        QuestionBank.objects.filter(pk=questions.pk).delete()
        Enrolment.objects.filter(course=page).delete()
        catalogue.delete()
        User.objects.filter(pk__in=[grader.pk for grader in graders]).delete()
        User.objects.filter(profile__organisation__path__startswith=tree.root.path).delete()
        tree.root.delete()


def _submitted_with_essays(setting):
    test = quiz(setting.page, [setting.questions], question_count=2)
    submitted(setting.learner, test, lambda item: "Сначала переговоры, затем подписание.")
    return Attempt.objects.get(quiz=test)


def test_two_graders_of_one_essay_at_once_leave_one_grade(committed):
    attempt = _submitted_with_essays(committed)
    item = attempt.items.order_by("position").first()
    graders = iter(zip(committed.graders, (8, 2), strict=True))

    def grade():
        grader, marks = next(graders)
        return essay_services.grade_essay(AttemptQuestion.objects.get(pk=item.pk), marks, "", grader)

    results, errors = run_at_once(grade)

    assert len(results) == 1 and len(errors) == 1, errors
    assert isinstance(errors[0], services.AlreadyGraded)
    assert EssayGrade.objects.filter(item=item).count() == 1
    attempt.refresh_from_db()
    assert attempt.awaits_grading  # the other essay still waits


def test_the_last_two_essays_graded_at_once_conclude_the_attempt_once(committed):
    attempt = _submitted_with_essays(committed)
    items = iter(zip(attempt.items.order_by("position"), committed.graders, strict=True))

    def grade():
        item, grader = next(items)
        return essay_services.grade_essay(item, 10, "", grader)

    results, errors = run_at_once(grade)

    assert errors == [] and len(results) == 2
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed) == (100, True)
    enrolment = Enrolment.objects.get(user=committed.learner, course=committed.page)
    assert enrolment.completed_at is not None
    assert lms_services.completion_blockers(enrolment) == []
