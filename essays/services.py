"""Grading essays: the queue of answers waiting for a trainer, and giving one its grade."""

from django.db import transaction

from quizzes import services as quiz_services
from quizzes.models import AttemptQuestion

from .models import EssayGrade
from .question_type import KIND, MARKS

GRADE_PERMISSION = "essays.grade_essay"

AlreadyGraded = quiz_services.AlreadyGraded


def essay_answers():
    """Essay answers of submitted attempts, with what the grading screens show."""
    return AttemptQuestion.objects.filter(
        question__kind=KIND, attempt__submitted_at__isnull=False
    ).select_related("question", "attempt__quiz__course", "attempt__user")


def waiting_essays():
    """Essay answers waiting for a grade, the longest waiting first. An essay left empty
    earned nothing when it was submitted and does not wait."""
    return essay_answers().filter(score__isnull=True).order_by("attempt__submitted_at", "pk")


def grade_essay(item, marks, comment, grader):
    """Give an essay answer ``marks`` (0 to MARKS) and a comment for the learner. The
    attempt is then concluded as an automatic submission would be, once no other answer of
    it waits: score, pass or fail, and the course completion and certificate that may
    follow. Raises ``AlreadyGraded`` if someone graded it first; returns the attempt."""
    if item.question.kind != KIND:
        raise ValueError(f"answer {item.pk} is not an essay")
    if not 0 <= marks <= MARKS:
        raise ValueError(f"marks {marks} are outside 0..{MARKS}")
    with transaction.atomic():
        attempt = quiz_services.grade_answer(item.pk, marks / MARKS)
        EssayGrade.objects.create(item=item, marks=marks, comment=comment, graded_by=grader)
    return attempt
