"""Wagtail admin screens for moving question banks in and out as Moodle GIFT files."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import gift, imports
from .models import QuestionBank


class GiftImportForm(forms.Form):
    bank = forms.ModelChoiceField(QuestionBank.objects.all(), label=gettext_lazy("Question bank"))
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the file"),
        choices=[("ru", "Русский"), ("kk", "Қазақша")],
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "A GIFT file exported from Moodle (.gift or .txt, UTF-8), or a table (.csv or .xlsx) "
            "with the columns kind, title, question, options, answer, feedback; up to 2 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".gift", ".txt", ".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a .gift, .txt, .csv or .xlsx file."))
        if upload.size > imports.MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


def import_questions(request):
    if not request.user.has_perm("quizzes.add_question"):
        raise PermissionDenied
    form = GiftImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            upload = form.cleaned_data["file"]
            created = imports.import_file(
                form.cleaned_data["bank"], upload.name, upload.read(), form.cleaned_data["language"]
            )
        except gift.GiftError as error:
            problems = error.errors
        else:
            messages.success(
                request, _("%(count)d questions were added.") % {"count": len(created)}
            )
            return redirect("wagtailsnippets_quizzes_question:list")
    return render(request, "quizzes/admin/import.html", {"form": form, "problems": problems})


def export_bank(request, pk):
    if not request.user.has_perm("quizzes.view_question"):
        raise PermissionDenied
    bank = get_object_or_404(QuestionBank, pk=pk)
    language = request.GET.get("language", "ru") if request.GET.get("language") in ("ru", "kk") else "ru"
    response = HttpResponse(
        imports.export_gift(bank, language), content_type="text/plain; charset=utf-8"
    )
    name = slugify(bank.title) or f"bank-{bank.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}-{language}.gift"'
    return response
