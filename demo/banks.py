"""Demo tests: a question bank per demo course (GIFT files in demo/data/banks/), and a
pre-test and a post-test drawing 15 of its questions."""

from django.db import transaction

from lms.models import CoursePage
from quizzes import imports
from quizzes.models import QuestionBank, Quiz

from .loaders import BANKS

QUESTIONS_PER_TEST = 15
# The diagnostic shows the score only, right after each attempt and at the end alike: it
# draws from the same bank as the final test, whose answers it must not give away.
SCORE_ONLY = {
    "review_open_answers": False, "review_open_marks": True, "review_open_feedback": False,
    "review_final_answers": False, "review_final_marks": True,
    "review_final_right_answers": False, "review_final_feedback": False,
}


@transaction.atomic
def build_demo_tests():
    """Create what is missing; banks that have questions already are left alone."""
    tests = 0
    for path in sorted(BANKS.glob("*.gift")):
        course = CoursePage.objects.filter(slug=path.stem).first()
        if course is None:
            continue
        bank, _created = QuestionBank.objects.get_or_create(title=course.title[:255])
        if not bank.questions.exists():
            imports.import_gift(bank, path.read_text(encoding="utf-8"), language=course.language)
        for role, extra in ((Quiz.Role.PRE, SCORE_ONLY),
                            (Quiz.Role.POST, {"time_limit_minutes": 30, "attempt_limit": 3,
                                            "layout": Quiz.Layout.ONE_PER_PAGE})):
            quiz, created = Quiz.objects.get_or_create(
                course=course, role=role,
                defaults={"question_count": QUESTIONS_PER_TEST, "pass_mark": 70, **extra},
            )
            if created:
                quiz.banks.set([bank])
                quiz.save()
            tests += 1
    return tests
