from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Tests")

    def ready(self):
        from lms.course_outline import COURSE_LINKS

        from . import receivers
        from .course_links import course_test_links
        from .question_types.builtin import register_built_in

        register_built_in()
        receivers.connect()
        COURSE_LINKS.add(course_test_links)
