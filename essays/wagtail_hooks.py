from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .services import GRADE_PERMISSION


@hooks.register("register_admin_urls")
def register_grading_urls():
    return [
        path("essays/", admin_views.queue, name="essays_queue"),
        path("essays/<int:pk>/", admin_views.grade, name="essays_grade"),
    ]


class GradingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(GRADE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_grading_menu_item():
    return GradingMenuItem(
        _("Essays to grade"), reverse("essays_queue"), icon_name="edit", order=901,
        name="essays-to-grade",
    )
