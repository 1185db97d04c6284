from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Tests")

    def ready(self):
        from . import receivers
        from .question_types.builtin import register_built_in

        register_built_in()
        receivers.connect()
