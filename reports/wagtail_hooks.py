from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.permissions import report_root


class ReportsMenuItem(MenuItem):
    """A link from the Wagtail admin to the reports, for those who have a subtree to see."""

    def is_shown(self, request):
        return report_root(request.user) is not None


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(_("Reports"), reverse("reports:dashboard"), icon_name="table", order=900)
