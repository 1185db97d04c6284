"""Learners answer questionnaires: after a course, after an event, and the follow-up some
time after a course. Each page serves only the person whose enrolment or attendance it is;
anyone else gets "not found"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms.models import Enrolment

from ..forms import FeedbackForm, FollowUpForm
from ..models import EventAttendance, FeedbackAnswer, FollowUpAnswer
from ..services import feedback as service


def _own_enrolment(request, enrolment_id):
    return get_object_or_404(Enrolment.objects.select_related("course"), pk=enrolment_id, user=request.user)


def _thanks(request):
    messages.success(request, _("Thank you for your answers!"))
    return redirect("lms:dashboard")


@login_required
def course_feedback(request, enrolment_id):
    enrolment = _own_enrolment(request, enrolment_id)
    answer = FeedbackAnswer.objects.filter(enrolment=enrolment).first()
    refusal = None
    if enrolment.completed_at is None:
        refusal = _("The questionnaire opens when you have completed the course.")
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and answer is None and refusal is None and form.is_valid():
        try:
            service.submit_course_feedback(enrolment, **form.cleaned_data)
        except service.QuestionnaireRefused as error:
            refusal = str(error)
        else:
            return _thanks(request)
    return render(request, "reports/questionnaire.html", {
        "subject": enrolment.course.title, "form": form, "answer": answer, "refusal": refusal,
    })


@login_required
def event_feedback(request, attendance_id):
    attendance = get_object_or_404(
        EventAttendance.objects.select_related("event"), pk=attendance_id, user=request.user
    )
    answer = FeedbackAnswer.objects.filter(attendance=attendance).first()
    refusal = None
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and answer is None and form.is_valid():
        try:
            service.submit_event_feedback(attendance, **form.cleaned_data)
        except service.QuestionnaireRefused as error:
            refusal = str(error)
        else:
            return _thanks(request)
    return render(request, "reports/questionnaire.html", {
        "subject": str(attendance.event), "form": form, "answer": answer, "refusal": refusal,
    })


@login_required
def follow_up(request, enrolment_id):
    """The follow-up question, some time after a completed course. The reminders link here."""
    enrolment = _own_enrolment(request, enrolment_id)
    answer = FollowUpAnswer.objects.filter(enrolment=enrolment).first()
    refusal = None if answer else service.follow_up_refusal(enrolment)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and answer is None and refusal is None and form.is_valid():
        try:
            service.submit_follow_up(enrolment, **form.cleaned_data)
        except service.QuestionnaireRefused as error:
            refusal = str(error)
        else:
            return _thanks(request)
    return render(request, "reports/follow_up.html", {
        "enrolment": enrolment, "form": form, "answer": answer, "refusal": refusal,
    })
