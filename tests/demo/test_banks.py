from io import StringIO

from django.core.management import call_command

from demo.banks import QUESTIONS_PER_TEST
from demo.loaders import BANKS
from lms.models import CoursePage
from quizzes.models import Question, Quiz


def test_every_demo_bank_gives_its_course_a_pre_and_post_test_once(db):
    call_command("seed_demo", stdout=StringIO())
    counts = (Question.objects.count(), Quiz.objects.count())
    call_command("seed_demo", stdout=StringIO())

    assert (Question.objects.count(), Quiz.objects.count()) == counts
    files = sorted(BANKS.glob("*.gift"))
    assert files
    for path in files:
        course = CoursePage.objects.get(slug=path.stem)
        roles = {quiz.role: quiz for quiz in Quiz.objects.filter(course=course)}
        assert set(roles) == {Quiz.Role.PRE, Quiz.Role.POST}, path.stem
        pool = Question.objects.filter(bank__in=roles[Quiz.Role.POST].banks.all()).count()
        assert pool >= QUESTIONS_PER_TEST, path.stem
        text = getattr(Question.objects.filter(bank__in=roles[Quiz.Role.PRE].banks.all()).first(),
                       f"text_{course.language}")
        assert text, path.stem
