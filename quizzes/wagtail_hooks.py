from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from lms.models import CoursePage

from . import admin_views
from .models import Question, QuestionBank, Quiz


class QuestionBankViewSet(SnippetViewSet):
    model = QuestionBank
    icon = "folder-open-inverse"
    list_display = ["title", "topic"]
    menu_label = _("Question banks")


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    list_display = ["__str__", "kind", "bank"]
    list_filter = ["kind", "bank"]
    search_fields = ["title", "text_ru", "text_kk"]
    menu_label = _("Questions")


class QuizCreateView(CreateView):
    """A new test, its course and role filled in when the course builder links here
    (``?course=<id>&role=pre``)."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or Quiz()
        course_id, role = self.request.GET.get("course", ""), self.request.GET.get("role", "")
        if course_id.isdigit() and CoursePage.objects.filter(pk=int(course_id)).exists():
            instance.course_id = int(course_id)
        if role in Quiz.Role.values:
            instance.role = role
        return instance


class QuizViewSet(SnippetViewSet):
    model = Quiz
    add_view_class = QuizCreateView
    icon = "tasks"
    list_display = ["course", "role", "question_count", "pass_mark", "closes_at"]
    list_filter = ["role"]
    menu_label = _("Tests")


class TestingViewSetGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionBankViewSet, QuestionViewSet)
    menu_icon = "tasks"
    menu_label = _("Testing")
    menu_name = "testing"


register_snippet(TestingViewSetGroup)


@hooks.register("register_admin_urls")
def register_gift_urls():
    return [
        path("questions/import/", admin_views.import_questions, name="quizzes_import"),
        path("questions/banks/<int:pk>/export/", admin_views.export_bank, name="quizzes_export"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("quizzes.add_question")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import questions"), reverse("quizzes_import"), icon_name="upload", order=900,
        attrs={}, name="quizzes-import",
    )
