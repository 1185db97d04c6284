"""Business rules of testing: drawing an attempt, saving answers, scoring, learning gain."""

import random
from collections import defaultdict
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Avg, ExpressionWrapper, F, FloatField, Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import services as lms_services
from lms.models import Enrolment

from .models import Attempt, AttemptQuestion, Option, Question, Quiz
from .scoring import score_answer


class AttemptRefused(Exception):
    """The learner may not start an attempt; the message says why."""


class AttemptClosed(Exception):
    """The attempt was submitted or its time ran out: answers are no longer taken."""


def attempts_used(user, quiz):
    return Attempt.objects.filter(user=user, quiz=quiz).count()


def open_attempt(user, quiz):
    return Attempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=True).first()


def start_attempt(user, quiz, *, now=None, rng=random):
    """The learner's open attempt, or a new one with questions drawn at random from the
    quiz's banks and options shuffled. Refuses past the attempt limit."""
    now = now or timezone.now()
    if not Enrolment.objects.filter(user=user, course_id=quiz.course_id).exists():
        raise AttemptRefused(_("Enrol in the course first."))
    current = open_attempt(user, quiz)
    if current is not None:
        if not current.has_expired(now):
            return current
        submit_attempt(current, now=now)
    used = attempts_used(user, quiz)
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


def submit_attempt(attempt, *, now=None):
    """Score the attempt on the server, once: a second submission, from a double click or a
    second tab, finds it submitted and changes nothing."""
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
        percent = round(100 * sum(item.score for item in items) / len(items), 2) if items else 0
        quiz = attempt.quiz
        Attempt.objects.filter(pk=attempt.pk).update(
            score=percent, passed=percent >= quiz.pass_mark
        )
        attempt.refresh_from_db()
        if quiz.role == Quiz.Role.POST and attempt.passed:
            enrolment = Enrolment.objects.filter(user=attempt.user, course_id=quiz.course_id).first()
            if enrolment is not None:
                lms_services.update_completion(enrolment)
    return attempt


def close_expired_attempts(now=None):
    """Submit every open attempt whose time ran out (run by beat); returns how many."""
    now = now or timezone.now()
    expired = Attempt.objects.filter(submitted_at__isnull=True, expires_at__lte=now)
    count = 0
    for attempt in expired.iterator():
        submit_attempt(attempt, now=now)
        count += 1
    return count


def post_test_blocker(enrolment):
    """Completion requirement: a course with a post-test is complete only once it is passed."""
    quiz = Quiz.objects.filter(course_id=enrolment.course_id, role=Quiz.Role.POST).first()
    if quiz is None:
        return None
    passed = Attempt.objects.filter(quiz=quiz, user_id=enrolment.user_id, passed=True).exists()
    if passed:
        return None
    return _("Pass the final test (pass mark %(mark)d%%).") % {"mark": quiz.pass_mark}


def annotate_post_test_score(enrolments):
    """Each enrolment's best post-test score (None before any), for "My learning"."""
    return enrolments.annotate(
        post_test_score=_scores(Quiz.Role.POST, OuterRef("course"), OuterRef("user"))
    )


# --- Learning gain ---------------------------------------------------------------------


def learning_gain(pre, post):
    """Normalised gain g = (post − pre) / (100 − pre), in percent; None where undefined."""
    if pre is None or post is None or float(pre) >= 100:
        return None
    return round(100 * (float(post) - float(pre)) / (100 - float(pre)), 1)


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
    """(pre, post, gain) of one learner in one course, by the same rules as ``gain_by``."""
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
