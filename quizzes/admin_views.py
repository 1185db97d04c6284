"""Wagtail admin screens for moving question banks in and out as Moodle GIFT files."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import gift, imports
from .models import QuestionBank

NEW_QUESTIONS = "new"
OTHER_LANGUAGE = "translation"


class GiftImportForm(forms.Form):
    bank = forms.ModelChoiceField(QuestionBank.objects.all(), label=gettext_lazy("Question bank"))
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the file"),
        choices=[("ru", "Русский"), ("kk", "Қазақша")],
    )
    purpose = forms.ChoiceField(
        label=gettext_lazy("What the file holds"),
        widget=forms.RadioSelect,
        initial=NEW_QUESTIONS,
        required=False,  # without a choice: new questions
        choices=[
            (NEW_QUESTIONS, gettext_lazy("New questions: add them to the bank")),
            (OTHER_LANGUAGE, gettext_lazy(
                "The same questions in the other language: this file is the Kazakh or Russian "
                "version of the questions already in the bank (matched by their ::title::)")),
        ],
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


MAX_WARNINGS_SHOWN = 30


def import_questions(request):
    """The import screen: a file of new questions, or the other language of the bank's
    questions. A file with any error is refused whole, its lines listed; after an import,
    what was skipped is listed as warnings with its line."""
    if not request.user.has_perm("quizzes.add_question"):
        raise PermissionDenied
    form = GiftImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload, data = form.cleaned_data["file"], form.cleaned_data
        arguments = (data["bank"], upload.name, upload.read(), data["language"])
        try:
            if data["purpose"] == OTHER_LANGUAGE:
                report = imports.translate_file(*arguments)
            else:
                report = imports.import_file(*arguments)
        except gift.GiftError as error:
            problems = imports.shown_problems(error.errors)
        else:
            _tell(request, report, data["purpose"], data["language"])
            return redirect("wagtailsnippets_quizzes_question:list")
    return render(request, "quizzes/admin/import.html", {"form": form, "problems": problems})


def _tell(request, report, purpose, language):
    count = len(report.questions)
    if purpose == OTHER_LANGUAGE and language == "kk":
        text = ngettext("The Kazakh text was added to %(count)d question.",
                        "The Kazakh text was added to %(count)d questions.", count)
    elif purpose == OTHER_LANGUAGE:
        text = ngettext("The Russian text was added to %(count)d question.",
                        "The Russian text was added to %(count)d questions.", count)
    else:
        text = ngettext("%(count)d question was added.", "%(count)d questions were added.", count)
    messages.success(request, text % {"count": count})
    warnings = imports.shown_problems(report.warnings)
    for line, warning in warnings[:MAX_WARNINGS_SHOWN]:
        messages.warning(request, _("Line %(line)d: %(message)s") % {"line": line, "message": warning})
    if len(warnings) > MAX_WARNINGS_SHOWN:
        rest = len(warnings) - MAX_WARNINGS_SHOWN
        messages.warning(request, ngettext("… and %(count)d more line was skipped.",
                                           "… and %(count)d more lines were skipped.", rest)
                         % {"count": rest})
    if report.untranslated:
        missing = len(report.untranslated)
        names = ", ".join(f"«{question}»" for question in report.untranslated[:MAX_WARNINGS_SHOWN])
        if missing > MAX_WARNINGS_SHOWN:
            names += " …"
        if language == "kk":
            text = ngettext("%(count)d question of the bank got no Kazakh text: %(questions)s",
                            "%(count)d questions of the bank got no Kazakh text: %(questions)s", missing)
        else:
            text = ngettext("%(count)d question of the bank got no Russian text: %(questions)s",
                            "%(count)d questions of the bank got no Russian text: %(questions)s", missing)
        messages.warning(request, text % {"count": missing, "questions": names})


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
