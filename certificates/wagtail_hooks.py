from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import admin_views
from .forms import RerenderForm
from .models import Certificate, CertificateTemplate, Rerender


class CertificateTemplateViewSet(ModelViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Templates")
    list_display = ["name", "course", "organisation", "is_default", "updated_at"]
    exclude_form_fields = []


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return admin_views.managed_certificates(self.request.user)


class CertificateViewSet(ModelViewSet):
    """Certificates of the members the user administers, searchable by serial and name."""

    model = Certificate
    icon = "doc-full-inverse"
    menu_label = _("Issued")
    index_view_class = CertificateIndexView
    add_view_enabled = False
    edit_view_enabled = False
    delete_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["holder_name"]  # never shown: nothing here adds or edits a certificate
    list_display = [
        # The serial links to the screen that revokes or reissues the certificate.
        TitleColumn("serial", label=_("serial number"),
                    get_url=lambda certificate: reverse("certificates_revoke", args=[certificate.pk])),
        "holder_name", "title", "completed_on",
        Column("status", label=_("status"), accessor="status_label"),
    ]
    list_filter = ["kind", "completed_on"]
    search_fields = ["serial", "holder_name", "title"]


class RerenderViewSet(ModelViewSet):
    """Draw a course's certificates again after its template changed; the list shows progress."""

    model = Rerender
    icon = "repeat"
    menu_label = _("Redraw after a template change")
    form_class = RerenderForm
    edit_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "course",
        Column("status", label=_("status"), accessor="get_status_display"),
        Column("progress", label=_("progress"), accessor="progress_label"),
        "created_at",
    ]

    def get_form_class(self, for_update=False):
        return RerenderForm


class CertificatesGroup(ModelViewSetGroup):
    items = (
        CertificateViewSet("certificates_issued"),
        CertificateTemplateViewSet("certificate_templates"),
        RerenderViewSet("certificate_redraws"),
    )
    menu_icon = "doc-full-inverse"
    menu_label = _("Certificates")
    menu_name = "certificates"


@hooks.register("register_admin_viewset")
def register_certificates():
    return CertificatesGroup()


@hooks.register("register_admin_urls")
def register_revoke_url():
    return [path("certificates/<int:pk>/revoke/", admin_views.revoke_or_reissue, name="certificates_revoke")]

