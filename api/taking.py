"""Taking a test through the API, under the web's rules: only the attempt's owner reaches it,
answers are given by the places of the options as shown (never their ids), and the result
shows only what ``quizzes.services.review_for`` allows now: no answer key before then."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from lms.models import Enrolment
from quizzes import services
from quizzes.models import Attempt, Quiz
from quizzes.taking import answer_from_value, right_answer_texts, shown_questions, value_of

from .schemas import AnswersIn, AttemptOut, ObjectId, ResultOut, TestInfoOut

router = Router(tags=["tests"])


@router.get("/tests/{int:test_id}", response=TestInfoOut)
def test_info(request, test_id: ObjectId):
    quiz = get_object_or_404(Quiz.objects.select_related("course"), pk=test_id)
    so_far = services.attempts_so_far(request.user, quiz)
    return {
        "id": quiz.pk, "course_id": quiz.course_id, "role": quiz.role,
        "question_count": quiz.question_count, "pass_mark": quiz.pass_mark,
        "time_limit_minutes": quiz.time_limit_minutes, "attempts_left": so_far.attempts_left,
        "open_attempt_id": so_far.current.pk if so_far.current else None,
        "refusal": str(so_far.refusal or ""), "closes_at": quiz.closes_at,
    }


@router.post("/tests/{int:test_id}/attempts", response={201: AttemptOut})
def start(request, test_id: ObjectId):
    """Start an attempt (or carry on the open one); refused with 409 and the reason."""
    quiz = get_object_or_404(Quiz.objects.select_related("course"), pk=test_id)
    try:
        attempt = services.start_attempt(request.user, quiz)
    except services.AttemptRefused as refusal:
        raise HttpError(409, str(refusal)) from refusal
    return Status(201, _attempt(attempt))


def _own(request, attempt_id):
    return get_object_or_404(Attempt.objects.select_related("quiz__course"), pk=attempt_id, user=request.user)


def _items(attempt):
    items = attempt.items.select_related("question").prefetch_related("question__options")
    return shown_questions(list(items))


def _attempt(attempt):
    shown = _items(attempt)
    unanswered = set(services.unanswered_positions([s.item for s in shown]))
    return {
        "id": attempt.pk, "test_id": attempt.quiz_id, "seconds_left": attempt.seconds_left(),
        "questions": [{
            "position": s.item.position, "kind": s.question.kind, "text_html": str(s.question.text_html),
            "options": [] if s.is_matching else [option.text for option in s.options],
            "items": [option.text for option in s.items] if s.is_matching else [],
            "choices": [option.match for option in s.matches] if s.is_matching else [],
            "answer": value_of(s), "answered": s.item.position not in unanswered,
        } for s in shown],
    }


@router.get("/attempts/{int:attempt_id}", response=AttemptOut)
def attempt(request, attempt_id: ObjectId):
    found = _own(request, attempt_id)
    if not found.is_open:
        over = _("The attempt is over: its result is at /attempts/%(id)s/result.")
        raise HttpError(409, over % {"id": found.pk})
    return _attempt(found)


@router.put("/attempts/{int:attempt_id}/answers", response=AttemptOut)
def save(request, attempt_id: ObjectId, payload: AnswersIn):
    """Save answers (those not sent keep what was saved); 409 once the attempt is closed."""
    found = _own(request, attempt_id)
    shown = {s.item.position: s for s in _items(found)}
    unknown = [answer.position for answer in payload.answers if answer.position not in shown]
    if unknown:
        raise HttpError(422, f"answers.position: {unknown[0]}")
    answers = {a.position: answer_from_value(shown[a.position], a.value) for a in payload.answers}
    try:
        services.save_answers(found, answers)
    except services.AttemptClosed as closed:
        raise HttpError(409, str(closed)) from closed
    return _attempt(found)


@router.post("/attempts/{int:attempt_id}/submission", response=ResultOut)
def submit(request, attempt_id: ObjectId):
    found = _own(request, attempt_id)
    if found.is_open:
        services.submit_attempt(found)
    return _result(request, _own(request, attempt_id))


@router.get("/attempts/{int:attempt_id}/result", response=ResultOut)
def result(request, attempt_id: ObjectId):
    found = _own(request, attempt_id)
    if found.is_open:
        raise HttpError(409, _("The attempt is still open: submit it first."))
    return _result(request, found)


def _result(request, attempt):
    policy = services.review_for(attempt)
    questions = []
    if policy.shows_questions:
        for s in _items(attempt):
            reviewed = {"position": s.item.position, "text_html": str(s.question.text_html)}
            if policy.own_answers:
                reviewed["own_answer"] = value_of(s)
            if policy.marks:
                reviewed["mark"] = s.item.score
            if policy.right_answers:
                reviewed["right_answers"] = right_answer_texts(s)
            if policy.feedback:
                reviewed["feedback_html"] = [str(text) for text in s.chosen_feedback]
            questions.append(reviewed)
    enrolment = Enrolment.objects.filter(user=request.user, course_id=attempt.quiz.course_id).first()
    shown_score = policy.marks and attempt.score is not None
    return {
        "id": attempt.pk, "test_id": attempt.quiz_id, "submitted_at": attempt.submitted_at,
        "awaiting_grading": attempt.submitted_at is not None and attempt.score is None,
        "score": attempt.score if shown_score else None,
        "passed": attempt.passed if shown_score else None,
        "course_completed": bool(enrolment and enrolment.is_complete),
        "questions": questions, "later": str(policy.later_notice()),
    }
