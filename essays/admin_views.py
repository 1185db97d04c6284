"""Wagtail admin screens for trainers: the essays waiting for a grade, and grading one.
Only users with the ``essays.grade_essay`` permission reach them; anyone else in the admin
gets 403."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.defaults import permission_denied

from . import services
from .forms import GradeForm
from .models import EssayGrade
from .question_type import MARKS

PER_PAGE = 50


def graders_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm(services.GRADE_PERMISSION):
            # A 403, not Wagtail's redirect to the dashboard: the refusal is plain to see.
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return wrapped


@graders_only
def queue(request):
    page = Paginator(services.waiting_essays(), PER_PAGE).get_page(request.GET.get("p"))
    return render(request, "essays/admin/queue.html", {"page_obj": page})


@graders_only
def grade(request, pk):
    item = get_object_or_404(services.essay_answers(), pk=pk)
    form = GradeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grade_essay(
                item, form.cleaned_data["marks"], form.cleaned_data["comment"], request.user
            )
        except services.AlreadyGraded as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("The essay is graded."))
        return redirect("essays_queue")
    graded = EssayGrade.objects.filter(item=item).select_related("graded_by").first()
    return render(request, "essays/admin/grade.html", {
        "item": item, "attempt": item.attempt, "graded": graded, "form": form, "marks": MARKS,
    })
