"""Business rules of testing: drawing an attempt, saving answers, scoring (by the machine
and by a person), learning gain."""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import (
    Avg,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    Subquery,
)
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms import services as lms_services
from lms.models import Enrolment, LessonProgress
from lms.steps import NextStep

from .models import AWAITS_GRADING, Attempt, AttemptQuestion, Option, Question, Quiz
from .scoring import score_answer
from .signals import attempt_scored


class AttemptRefused(Exception):
    """The learner may not start an attempt; the message says why."""


class AttemptClosed(Exception):
    """The attempt was submitted or its time ran out: answers are no longer taken."""


class AlreadyGraded(Exception):
    """The answer has its credit already: graded by someone else, or not waiting for it."""


def open_attempt(user, quiz):
    return Attempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=True).first()


def closing_time(quiz):
    """When the test closes, as the learner reads it (local time), or None."""
    if quiz.closes_at is None:
        return None
    return formats.date_format(timezone.localtime(quiz.closes_at), "DATETIME_FORMAT")


def start_attempt(user, quiz, *, now=None, rng=random):
    """The learner's open attempt, or a new one with questions drawn at random from the
    quiz's banks and options shuffled. Refuses once the test has closed, once the final
    test is passed, and past the attempt limit: in each case the result pages may show
    the right answers (``review_for``), so no attempt may follow. Refuses too while an
    attempt waits for a person to grade it: its result decides what may follow."""
    now = now or timezone.now()
    if not Enrolment.objects.filter(user=user, course_id=quiz.course_id).exists():
        raise AttemptRefused(_("Enrol in the course first."))
    current = open_attempt(user, quiz)
    if current is not None:
        current.quiz = quiz
        if not current.has_expired(now):
            return current
        submit_attempt(current, now=now)
    if quiz.closes_at is not None and now >= quiz.closes_at:
        raise AttemptRefused(
            _("This test closed on %(date)s: no attempt can be started.")
            % {"date": closing_time(quiz)}
        )
    counts = Attempt.objects.filter(user=user, quiz=quiz).aggregate(
        used=Count("pk"), passed=Count("pk", filter=Q(passed=True)),
        waiting=Count("pk", filter=AWAITS_GRADING),
    )
    used = counts["used"]
    if quiz.role == Quiz.Role.POST and counts["passed"]:
        raise AttemptRefused(_("You have already passed this test."))
    if counts["waiting"]:
        raise AttemptRefused(_("Your last attempt is waiting for a trainer to grade it. "
                               "You can start another one once it is graded."))
    if quiz.attempt_limit and used >= quiz.attempt_limit:
        raise AttemptRefused(_("You have used all %(limit)d attempts.") % {"limit": quiz.attempt_limit})
    pool = list(
        Question.objects.filter(bank__in=quiz.banks.all()).distinct().values_list("pk", flat=True)
    )
    if not pool:
        raise AttemptRefused(_("This test has no questions yet."))
    drawn = rng.sample(sorted(pool), min(quiz.question_count, len(pool)))
    options = defaultdict(list)
    for question_id, option_id in Option.objects.filter(question_id__in=drawn).values_list(
        "question_id", "pk"
    ):
        options[question_id].append(option_id)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz, user=user, number=used + 1, started_at=now,
                expires_at=now + timedelta(minutes=quiz.time_limit_minutes)
                if quiz.time_limit_minutes else None,
            )
            AttemptQuestion.objects.bulk_create(
                AttemptQuestion(
                    attempt=attempt, question_id=question_id, position=position,
                    option_order=rng.sample(options[question_id], len(options[question_id])),
                    match_order=rng.sample(options[question_id], len(options[question_id])),
                )
                for position, question_id in enumerate(drawn, start=1)
            )
    except IntegrityError:  # a second tab started the same attempt a moment earlier
        return open_attempt(user, quiz)
    return attempt


@dataclass
class AttemptsSoFar:
    """A learner's attempts at a test, for its start page."""

    submitted: list
    #: The open attempt still running, or None.
    current: Attempt | None
    #: None when the test has no attempt limit.
    attempts_left: int | None
    #: Why no attempt can be started (as ``start_attempt`` would refuse), or None.
    refusal: str | None


def attempts_so_far(user, quiz, *, now=None):
    """The learner's attempts at ``quiz`` and what is left of its attempt limit. One query."""
    now = now or timezone.now()
    attempts = list(Attempt.objects.filter(quiz=quiz, user=user).order_by("number"))
    for attempt in attempts:
        attempt.quiz = quiz
    submitted = [a for a in attempts if not a.is_open]
    attempts_left = None if not quiz.attempt_limit else max(quiz.attempt_limit - len(attempts), 0)
    refusal = None
    if quiz.closes_at is not None and now >= quiz.closes_at:
        refusal = _("This test closed on %(date)s.") % {"date": closing_time(quiz)}
    elif quiz.role == Quiz.Role.POST and any(a.passed for a in submitted):
        refusal = _("You have passed this test.")
    elif attempts_left == 0:
        refusal = _("You have used all %(limit)d attempts.") % {"limit": quiz.attempt_limit}
    return AttemptsSoFar(
        submitted=submitted,
        current=next((a for a in attempts if a.is_open and not a.has_expired(now)), None),
        attempts_left=attempts_left,
        refusal=refusal,
    )


def save_answers(attempt, answers, *, now=None):
    """Keep the learner's answers ({position: answer}) as they go. After the time limit
    the attempt is submitted with what was saved before, and nothing more is taken."""
    now = now or timezone.now()
    if not attempt.is_open:
        raise AttemptClosed(_("This attempt is already submitted."))
    if attempt.has_expired(now):
        submit_attempt(attempt, now=now)
        raise AttemptClosed(_("Time is up: the attempt was submitted with the answers saved."))
    # Two queries however many answers the page sends.
    items = list(AttemptQuestion.objects.filter(attempt=attempt, position__in=list(answers)))
    for item in items:
        item.answer = answers[item.position]
    AttemptQuestion.objects.bulk_update(items, ["answer"])


def unanswered_positions(items):
    """The positions of the drawn questions (``AttemptQuestion`` rows with their question
    and its options loaded) that have no answer yet, as each question type judges it."""
    return [item.position for item in items
            if not item.question.question_type.is_answered(item.question, item.answer)]


def submit_attempt(attempt, *, now=None):
    """Score the attempt on the server, once: a second submission, from a double click or a
    second tab, finds it submitted and changes nothing. An answer that a person has to
    grade (an essay) leaves the attempt waiting: ``grade_answer`` concludes it later."""
    now = now or timezone.now()
    with transaction.atomic():
        won = Attempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(
            submitted_at=now
        )
        if not won:
            attempt.refresh_from_db()
            return attempt
        items = list(
            attempt.items.select_related("question").prefetch_related("question__options")
        )
        for item in items:
            item.score = score_answer(item.question, item.answer)
        AttemptQuestion.objects.bulk_update(items, ["score"])
        _conclude(attempt, [item.score for item in items])
    return attempt


def _conclude(attempt, scores):
    """The score and pass or fail of a submitted attempt once every answer has its credit
    (``scores``), and the course completion a passed post-test brings; decided once. While
    an answer waits for a person, nothing is decided."""
    if any(score is None for score in scores):
        attempt.refresh_from_db()
        return
    percent = round(100 * sum(scores) / len(scores), 2) if scores else 0
    quiz = attempt.quiz
    won = Attempt.objects.filter(pk=attempt.pk, score__isnull=True).update(
        score=percent, passed=percent >= quiz.pass_mark
    )
    attempt.refresh_from_db()
    if won:
        transaction.on_commit(lambda: attempt_scored.send(sender=Attempt, attempt_id=attempt.pk))
    if won and quiz.role == Quiz.Role.POST and attempt.passed:
        enrolment = Enrolment.objects.filter(user=attempt.user, course_id=quiz.course_id).first()
        if enrolment is not None:
            lms_services.update_completion(enrolment)


def grade_answer(item_id, credit):
    """Give a submitted answer that waits for a person (an essay) the ``credit`` they
    decided, 0 to 1, and conclude its attempt as an automatic submission would once no
    other answer waits: score, pass or fail, and the course completion that may follow.
    The attempt row is locked, so that two graders at once conclude it once; an answer
    that has its credit already raises ``AlreadyGraded``. Returns the attempt."""
    if not 0 <= credit <= 1:
        raise ValueError(f"credit {credit} is outside 0..1")
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update(of=("self",)).select_related("quiz")
            .filter(items__pk=item_id, submitted_at__isnull=False).first()
        )
        if attempt is None:
            raise AlreadyGraded(_("This answer is not waiting to be graded."))
        won = AttemptQuestion.objects.filter(pk=item_id, score__isnull=True).update(
            score=float(credit)
        )
        if not won:
            raise AlreadyGraded(_("This answer has been graded already."))
        _conclude(attempt, list(attempt.items.values_list("score", flat=True)))
    return attempt


def close_expired_attempts(now=None):
    """Submit every open attempt whose time ran out (run by beat); returns how many."""
    now = now or timezone.now()
    expired = Attempt.objects.filter(
        Q(expires_at__lte=now) | Q(quiz__closes_at__lte=now), submitted_at__isnull=True
    ).select_related("quiz")
    count = 0
    for attempt in expired.iterator():
        submit_attempt(attempt, now=now)
        count += 1
    return count


# --- Review: what the result page of a submitted attempt shows -------------------------

REVIEW_PARTS = ("own_answers", "marks", "right_answers", "feedback")

_PART_NAMES = {
    "own_answers": gettext_lazy("your answers"),
    "marks": gettext_lazy("marks"),
    "right_answers": gettext_lazy("right answers"),
    "feedback": gettext_lazy("feedback"),
}

# What can still bring the final moment, in every combination: whole phrases, so that
# each language can word them properly.
_WHEN = {
    ("passed",): gettext_lazy("once you pass the test"),
    ("no_attempts_left",): gettext_lazy("once you have no attempts left"),
    ("closed",): gettext_lazy("once the test closes on %(date)s"),
    ("passed", "no_attempts_left"): gettext_lazy(
        "once you pass the test or have no attempts left"
    ),
    ("passed", "closed"): gettext_lazy("once you pass the test or it closes on %(date)s"),
    ("no_attempts_left", "closed"): gettext_lazy(
        "once you have no attempts left or the test closes on %(date)s"
    ),
    ("passed", "no_attempts_left", "closed"): gettext_lazy(
        "once you pass the test, have no attempts left or the test closes on %(date)s"
    ),
}


@dataclass(frozen=True)
class ReviewPolicy:
    """What the result page of an attempt shows now, and what it will show later."""

    own_answers: bool = False
    marks: bool = False
    right_answers: bool = False
    feedback: bool = False
    #: The final moment: no attempt can follow (none left, the final test passed, or the
    #: test closed). Only then may right answers be shown.
    final: bool = False
    #: Parts hidden now that the final moment will show, in ``REVIEW_PARTS`` order.
    later: tuple = ()
    #: What can still bring the final moment: "passed", "no_attempts_left", "closed".
    later_when: tuple = ()
    closes_at: datetime | None = None
    closes_on: str = ""
    #: A pre-test whose questions the final test shares: held back until that test is over.
    waits_for_final_test: bool = False

    @property
    def shows_questions(self):
        return self.own_answers or self.marks or self.right_answers or self.feedback

    def later_notice(self):
        """A sentence telling the learner what they will see later, and when; or ""."""
        if self.later and self.waits_for_final_test:
            things = get_text_list([str(_PART_NAMES[part]) for part in self.later], _("and"))
            return _("%(things)s will be shown once the course's final test is behind you: "
                     "passed, with no attempts left, or closed.") % {"things": capfirst(things)}
        if not self.later or not self.later_when:
            return ""
        things = get_text_list([str(_PART_NAMES[part]) for part in self.later], _("and"))
        when = str(_WHEN[self.later_when])
        if "closed" in self.later_when:
            when = when % {"date": self.closes_on}
        return _("%(things)s will be shown %(when)s.") % {"things": capfirst(things), "when": when}


def _final_for(quiz, user_id, now):
    """(final, closed): may no attempt of ``quiz`` follow for this learner (every attempt
    used, the final test passed, or the test closed, and none of theirs still running)?"""
    closed = quiz.closes_at is not None and now >= quiz.closes_at
    counts = Attempt.objects.filter(quiz_id=quiz.pk, user_id=user_id).aggregate(
        submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
        passed=Count("pk", filter=Q(submitted_at__isnull=False, passed=True)),
        running=Count("pk", filter=Q(submitted_at__isnull=True)
                      & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))),
    )
    none_left = bool(quiz.attempt_limit) and counts["submitted"] >= quiz.attempt_limit
    passed = quiz.role == Quiz.Role.POST and counts["passed"] > 0
    running = counts["running"] > 0 and not closed  # at closing, running attempts end
    return not running and (closed or none_left or passed), closed


def _final_test_sharing_banks(quiz):
    """The course's final test that draws on one of this pre-test's banks, or None: the
    pre-test's right answers would be the final test's."""
    if quiz.role != Quiz.Role.PRE:
        return None
    return (
        Quiz.objects.filter(course_id=quiz.course_id, role=Quiz.Role.POST,
                            banks__in=quiz.banks.values("pk"))
        .first()
    )


def review_for(attempt, *, now=None):
    """What the learner may see of a submitted ``attempt`` (at most three queries).

    Right after an attempt, while another may still be started, the trainer's "open"
    choices apply and right answers are never shown. The "final" choices apply once no
    attempt can follow: the learner used every attempt, passed the final test, or the test
    closed; and never while an attempt of theirs is still running. ``start_attempt``
    refuses a new attempt in exactly these cases. A pre-test that shares a question bank
    with the course's final test keeps its right answers and feedback back until the final
    test is behind the learner too."""
    quiz = attempt.quiz
    now = now or timezone.now()
    final, closed = _final_for(quiz, attempt.user_id, now)
    post = quiz.role == Quiz.Role.POST
    closes_on = closing_time(quiz) or ""
    if final:
        shown = {
            "own_answers": quiz.review_final_answers,
            "marks": quiz.review_final_marks,
            "right_answers": quiz.review_final_right_answers,
            "feedback": quiz.review_final_feedback,
        }
        final_test = _final_test_sharing_banks(quiz) if (
            shown["right_answers"] or shown["feedback"]) else None
        if final_test is not None and not _final_for(final_test, attempt.user_id, now)[0]:
            later = tuple(part for part in ("right_answers", "feedback") if shown[part])
            return ReviewPolicy(
                **{**shown, "right_answers": False, "feedback": False}, final=True,
                later=later, waits_for_final_test=True,
                closes_at=quiz.closes_at, closes_on=closes_on,
            )
        return ReviewPolicy(
            **shown,
            final=True,
            closes_at=quiz.closes_at,
            closes_on=closes_on,
        )
    now_shown = {
        "own_answers": quiz.review_open_answers,
        "marks": quiz.review_open_marks,
        "right_answers": False,  # never while another attempt may be started
        "feedback": quiz.review_open_feedback,
    }
    at_the_end = {
        "own_answers": quiz.review_final_answers,
        "marks": quiz.review_final_marks,
        "right_answers": quiz.review_final_right_answers,
        "feedback": quiz.review_final_feedback,
    }
    when = tuple(reason for reason, possible in (
        ("passed", post),
        ("no_attempts_left", bool(quiz.attempt_limit)),
        ("closed", quiz.closes_at is not None and not closed),
    ) if possible)
    later = tuple(part for part in REVIEW_PARTS if at_the_end[part] and not now_shown[part])
    return ReviewPolicy(
        **now_shown, final=False, later=later if when else (), later_when=when if later else (),
        closes_at=quiz.closes_at, closes_on=closes_on,
    )


def post_test_blocker(enrolment):
    """Completion requirement: a course with a post-test is complete only once it is
    passed. Until then, the step that leads to it (none while a trainer grades it)."""
    quiz = Quiz.objects.filter(course_id=enrolment.course_id, role=Quiz.Role.POST).first()
    if quiz is None:
        return None
    counts = Attempt.objects.filter(quiz=quiz, user_id=enrolment.user_id).aggregate(
        passed=Count("pk", filter=Q(passed=True)),
        waiting=Count("pk", filter=AWAITS_GRADING),
    )
    if counts["passed"]:
        return None
    if counts["waiting"]:
        return NextStep(_("Your final test is waiting for a trainer to grade it."))
    return NextStep(_("Pass the final test (pass mark %(mark)d%%).") % {"mark": quiz.pass_mark},
                    label=_("Final test"), url=reverse("quizzes:start", args=[quiz.pk]))


def final_test_score(enrolment):
    """Completion grade: the best score of the learner's passed attempts at the course's
    post-test; None without one. One query."""
    return Attempt.objects.submitted().filter(
        quiz__course_id=enrolment.course_id, quiz__role=Quiz.Role.POST,
        user_id=enrolment.user_id, passed=True,
    ).aggregate(best=Max("score"))["best"]


def annotate_post_test_score(enrolments):
    """Each enrolment's best post-test score (None before any), for "My learning"."""
    return enrolments.annotate(
        post_test_score=_scores(Quiz.Role.POST, OuterRef("course"), OuterRef("user"))
    )


# --- The pre-test: before the lessons, or skipped -------------------------------------


def pre_test_step(enrolment):
    """The step before the lessons (registered with ``lms.steps``): the course's pre-test,
    while the learner has neither taken nor skipped it and has not begun the lessons (after
    a lesson it would no longer measure the start). One query."""
    if enrolment.pre_test_skipped_at is not None or enrolment.completed_at is not None:
        return None
    taken = Attempt.objects.submitted().filter(quiz=OuterRef("pk"), user_id=enrolment.user_id)
    quiz_id = (
        Quiz.objects.filter(course_id=enrolment.course_id, role=Quiz.Role.PRE)
        .filter(~Exists(taken), ~Exists(LessonProgress.objects.filter(enrolment_id=enrolment.pk)))
        .values_list("pk", flat=True)
        .first()
    )
    if quiz_id is None:
        return None
    return NextStep(
        _("Before the lessons: a short test of what you know now. It does not affect passing."),
        label=_("Start the pre-test"), url=reverse("quizzes:start", args=[quiz_id]),
    )


def skip_pre_test(user, quiz, *, now=None):
    """The learner goes to the lessons without the pre-test ``quiz``: kept on the enrolment
    (once; not after the test was taken) for the course report. Returns the enrolment,
    with its course."""
    if quiz.role != Quiz.Role.PRE:
        raise AttemptRefused(_("Only the test before the course can be skipped."))
    enrolment = Enrolment.objects.select_related("course").filter(
        user=user, course_id=quiz.course_id).first()
    if enrolment is None:
        raise AttemptRefused(_("Enrol in the course first."))
    taken = Attempt.objects.submitted().filter(quiz=quiz, user=user)
    Enrolment.objects.filter(pk=enrolment.pk, pre_test_skipped_at__isnull=True).filter(
        ~Exists(taken)).update(pre_test_skipped_at=now or timezone.now())
    enrolment.refresh_from_db(fields=["pre_test_skipped_at"])
    return enrolment


# --- Learning gain ---------------------------------------------------------------------


def whole_percent(value):
    """A score, an average or a learning gain as every page, export and report shows it: a
    whole percent, a half rounded away from zero (87.5 → 88), once the noise of floating-point
    arithmetic is dropped (87.49999999999999 is 87.5). None stays None."""
    if value is None:
        return None
    exact = Decimal(str(value)).quantize(Decimal("0.000001"), ROUND_HALF_UP)
    return int(exact.quantize(Decimal(1), ROUND_HALF_UP))


def learning_gain(pre, post):
    """Normalised gain g = (post − pre) / (100 − pre), in percent, unrounded (the same sum as
    ``gain_by``'s; ``whole_percent`` shows it); None where undefined."""
    if pre is None or post is None or float(pre) >= 100:
        return None
    return (float(post) - float(pre)) * 100.0 / (100.0 - float(pre))


def _scores(quiz_role, course_ref, user_ref, first=False):
    attempts = Attempt.objects.submitted().filter(
        quiz__course=course_ref, quiz__role=quiz_role, user=user_ref
    )
    if first:  # the diagnostic is the first attempt, before any learning
        return Subquery(attempts.order_by("submitted_at").values("score")[:1])
    return Subquery(
        attempts.order_by().values("user").annotate(best=Max("score")).values("best")[:1]
    )


def learner_scores(user, course):
    """(pre, post, gain) of one learner in one course, by the same rules as ``gain_by``,
    unrounded."""
    row = (
        Enrolment.objects.filter(user=user, course=course)
        .annotate(
            pre=_scores(Quiz.Role.PRE, OuterRef("course"), OuterRef("user"), first=True),
            post=_scores(Quiz.Role.POST, OuterRef("course"), OuterRef("user")),
        )
        .values("pre", "post")
        .first()
    ) or {"pre": None, "post": None}
    return row["pre"], row["post"], learning_gain(row["pre"], row["post"])


def gain_by(enrolments, group_by):
    """Average pre, post and normalised gain over learners with both tests, grouped by
    ``group_by`` (e.g. "course", "user__profile__category", "user__profile__organisation"),
    computed by the database."""
    with_scores = enrolments.annotate(
        pre=_scores(Quiz.Role.PRE, OuterRef("course"), OuterRef("user"), first=True),
        post=_scores(Quiz.Role.POST, OuterRef("course"), OuterRef("user")),
    ).filter(pre__isnull=False, post__isnull=False, pre__lt=100)
    gain = ExpressionWrapper(
        (F("post") - F("pre")) * 100.0 / (100.0 - F("pre")), output_field=FloatField()
    )
    return (
        with_scores.values(group_by)
        .annotate(pre_avg=Avg("pre"), post_avg=Avg("post"), gain_avg=Avg(gain))
        .order_by(group_by)
    )
