from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    list_display = ["course", "role", "question_count", "pass_mark"]
    list_filter = ["role"]
    menu_label = _("Tests")


class TestingViewSetGroup(SnippetViewSetGroup):
    items = (QuizViewSet, QuestionBankViewSet, QuestionViewSet)
    menu_icon = "tasks"
    menu_label = _("Testing")
    menu_name = "testing"


register_snippet(TestingViewSetGroup)
