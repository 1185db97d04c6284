from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EssaysConfig(AppConfig):
    """Essay questions, added to tests through the question-type registry of quizzes, and
    the trainers' queue for grading them."""

    name = "essays"
    verbose_name = _("Essays")

    def ready(self):
        from quizzes import question_types

        from .question_type import Essay

        question_types.register(Essay())
