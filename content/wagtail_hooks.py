from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import admin_views, services
from .models import LibraryIndexPage, MaterialPage, WebinarIndexPage, WebinarPage, WebinarRegistration
from .views import library, webinars

LEARNER_VIEWS = {
    LibraryIndexPage: library.library_index,
    MaterialPage: library.material_page,
    WebinarIndexPage: webinars.webinar_index,
    WebinarPage: webinars.webinar_page,
}


@hooks.register("before_serve_page")
def serve_content_pages(page, request, serve_args, serve_kwargs):
    """Library and webinar pages hold content; the learner views add access, search,
    registration and calendars to them."""
    view = LEARNER_VIEWS.get(type(page))
    return view(request, page) if view else None


@hooks.register("before_serve_document")
def guard_documents(document, request):
    """A document is served under the rule of what uses it (``services.documents``). Those
    refused are told nothing about it; an anonymous visitor is sent to sign in first when a
    signed-in member may be let in."""
    verdict = services.download_verdict(request.user, document)
    if verdict is services.Verdict.SERVE:
        return None
    if verdict is services.Verdict.SIGN_IN:
        return redirect_to_login(request.get_full_path())
    raise Http404


@hooks.register("before_delete_page")
def keep_webinars_with_registrations(request, page):
    """Registrations are training records (and may hold certificates): a webinar that has
    them is unpublished, not deleted."""
    if WebinarRegistration.objects.filter(webinar__in=page.get_descendants(inclusive=True)).exists():
        messages.error(request, _("Webinars with registrations cannot be deleted; unpublish them instead."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("register_admin_urls")
def register_attendance_urls():
    return [path("webinars/<int:pk>/attendance/", admin_views.attendance, name="content_attendance")]


class AttendanceButton(PageMenuItem):
    label = _("Attendance")
    icon_name = "tick"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.url = reverse("content_attendance", args=[self.page.pk])

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()


def _attendance_buttons(page, user):
    if page.specific_class is WebinarPage and page.live:
        yield AttendanceButton(page=page, priority=35)


@hooks.register("register_page_header_buttons")
def attendance_header_button(page, user, view_name, next_url=None):
    yield from _attendance_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def attendance_listing_button(page, user, next_url=None):
    yield from _attendance_buttons(page, user)
