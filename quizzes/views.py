"""Taking a test. Only the learner who owns an attempt reaches it; the answer key is
rendered only on the review page, after submission, and only once no attempt can follow
and the test allows it (``services.review_for``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms import services as lms_services
from lms.completion import with_results
from lms.models import Enrolment

from . import services
from .models import Attempt, Quiz
from .taking import answer_from, shown_questions


def _lessons_url(enrolment, course):
    """Where "Go to the lessons" leads: the first lesson not finished, else the course."""
    if enrolment is None:
        return course.url
    enrolment.course = course
    lesson = lms_services.next_lesson(enrolment)
    return lesson.url if lesson else course.url


@login_required
def quiz_start(request, pk):
    quiz = get_object_or_404(Quiz.objects.select_related("course"), pk=pk)
    if request.method == "POST":
        try:
            attempt = services.start_attempt(request.user, quiz)
        except services.AttemptRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("quizzes:start", pk=quiz.pk)
        return redirect("quizzes:take", pk=attempt.pk)
    so_far = services.attempts_so_far(request.user, quiz)
    context = {
        "quiz": quiz,
        "attempts": so_far.submitted,
        "open_attempt": so_far.current,
        "refusal": so_far.refusal,
        "closes_on": services.closing_time(quiz),
        "policy": services.review_for(so_far.submitted[-1]) if so_far.submitted else None,
        "attempts_left": so_far.attempts_left,
    }
    if quiz.role == Quiz.Role.PRE:
        # The pre-test is a choice before the lessons: take it, or skip it and go on.
        enrolment = Enrolment.objects.filter(user=request.user, course_id=quiz.course_id).first()
        context["skipped"] = enrolment is not None and enrolment.pre_test_skipped_at is not None
        context["lessons_url"] = _lessons_url(enrolment, quiz.course)
    return render(request, "quizzes/start.html", context)


@login_required
@require_POST
def skip_pre_test(request, pk):
    quiz = get_object_or_404(Quiz.objects.select_related("course"), pk=pk)
    try:
        enrolment = services.skip_pre_test(request.user, quiz)
    except services.AttemptRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(quiz.course.url)
    return redirect(_lessons_url(enrolment, quiz.course))


@login_required
def take(request, pk):
    """The attempt page. A submit that leaves questions unanswered comes back with a
    question ("Submit anyway?") unless it carries ``confirmed``; the page's script asks the
    same in a dialog first, and submits confirmed when the time runs out."""
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz__course"), pk=pk, user=request.user
    )
    if not attempt.is_open:
        return redirect("quizzes:result", pk=attempt.pk)
    if attempt.has_expired():
        services.submit_attempt(attempt)
        messages.warning(request, _("Time is up: the attempt was submitted with the answers saved."))
        return redirect("quizzes:result", pk=attempt.pk)
    items = list(attempt.items.select_related("question").prefetch_related("question__options"))
    shown = shown_questions(items)
    one_per_page = attempt.quiz.layout == Quiz.Layout.ONE_PER_PAGE
    url = reverse("quizzes:take", args=[attempt.pk])
    if request.method == "POST":
        on_page = {int(p) for p in request.POST.getlist("positions") if p.isdigit()}
        answers = {s.item.position: answer_from(request.POST, s) for s in shown
                   if s.item.position in on_page}
        try:
            services.save_answers(attempt, answers)
        except services.AttemptClosed as closed:
            if request.POST.get("action") == "autosave":
                return JsonResponse({"saved": False, "closed": True}, status=409)
            messages.warning(request, str(closed))
            return redirect("quizzes:result", pk=attempt.pk)
        action = request.POST.get("action")
        if action == "autosave":
            return JsonResponse({"saved": True})
        if action == "submit":
            for item in items:  # as just saved
                item.answer = answers.get(item.position, item.answer)
            if request.POST.get("confirmed") or not services.unanswered_positions(items):
                services.submit_attempt(attempt)
                return redirect("quizzes:result", pk=attempt.pk)
            here = f"&q={max(on_page)}" if one_per_page and on_page else ""
            return redirect(f"{url}?confirm=1{here}")
        target = request.POST.get("goto", "")
        suffix = f"?q={target}" if one_per_page and target.isdigit() else ""
        return redirect(url + suffix)

    position = 1
    if one_per_page:
        requested = request.GET.get("q", "")
        position = int(requested) if requested.isdigit() and 1 <= int(requested) <= len(shown) else 1
    page = [shown[position - 1]] if one_per_page and shown else shown
    unanswered = services.unanswered_positions(items)
    return render(request, "quizzes/take.html", {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "shown": page,
        "position": position,
        "total": len(shown),
        "one_per_page": one_per_page,
        "navigator": [(item.position, item.position not in unanswered) for item in items],
        "answered": len(items) - len(unanswered),
        "unanswered": len(unanswered),
        "first_unanswered": unanswered[0] if unanswered else None,
        "confirm": request.GET.get("confirm") == "1" and bool(unanswered),
        "seconds_left": attempt.seconds_left(),
    })


@login_required
def result(request, pk):
    """The result of a submitted attempt: only what ``services.review_for`` allows now,
    and a word on what will be shown later."""
    attempt = get_object_or_404(
        Attempt.objects.select_related("quiz__course"), pk=pk, user=request.user
    )
    if attempt.is_open:
        return redirect("quizzes:take", pk=attempt.pk)
    quiz = attempt.quiz
    policy = services.review_for(attempt)
    review = []
    if policy.shows_questions:
        items = list(attempt.items.select_related("question").prefetch_related("question__options"))
        review = shown_questions(items)
    context = {
        "attempt": attempt,
        "quiz": quiz,
        "policy": policy,
        "show_score": policy.marks,
        "later": policy.later_notice(),
        "review": review,
    }
    if policy.marks:
        pre, post, gain = services.learner_scores(request.user, quiz.course)
        context.update(pre=services.whole_percent(pre), post=services.whole_percent(post),
                       gain=services.whole_percent(gain))
    enrolment = with_results(
        Enrolment.objects.filter(user=request.user, course_id=quiz.course_id)
    ).first()
    if quiz.role == Quiz.Role.PRE:
        context["lessons_url"] = _lessons_url(enrolment, quiz.course)
    elif attempt.passed and enrolment is not None:
        # The final test passed: the course is complete (with its certificate), or the
        # learner is told what is left, each step with its button.
        context["enrolment"] = enrolment
        if not enrolment.is_complete:
            enrolment.course = quiz.course
            context["blockers"] = lms_services.completion_blockers(enrolment)
    return render(request, "quizzes/result.html", context)
