from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import BulkEnrolmentForm
from .models import BulkEnrolment, CourseIndexPage, CoursePage, LearningPath, LessonPage, ModulePage, Topic
from .permissions import can_view_organisation, visible_organisations
from .views import learning

LEARNER_VIEWS = {
    CourseIndexPage: learning.catalogue,
    CoursePage: learning.course_page,
    LessonPage: learning.lesson_page,
}


@hooks.register("before_serve_page")
def serve_learning_pages(page, request, serve_args, serve_kwargs):
    """Course pages hold content; the learner views add enrolment and progress to them."""
    if isinstance(page, ModulePage):
        return redirect(page.get_parent().url)
    view = LEARNER_VIEWS.get(type(page))
    return view(request, page) if view else None


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name_ru", "name_kk", "slug"]
    menu_label = _("Topics")


class LearningPathViewSet(SnippetViewSet):
    model = LearningPath
    icon = "list-ol"
    list_display = ["title_ru", "title_kk", "category"]
    menu_label = _("Learning paths")


register_snippet(TopicViewSet)
register_snippet(LearningPathViewSet)


class ScopedToOwnOrganisations:
    """Admin views of bulk enrolments show only jobs of the user's own subtree; another
    region's job is not found, whichever URL asks for it."""

    def get_base_queryset(self):
        return BulkEnrolment.objects.filter(
            organisation__in=visible_organisations(self.request.user)
        ).select_related("course", "organisation")

    def get_object(self, queryset=None):
        job = super().get_object(queryset)
        if not can_view_organisation(self.request.user, job.organisation):
            raise Http404
        return job


class BulkEnrolmentIndexView(ScopedToOwnOrganisations, IndexView):
    pass


class BulkEnrolmentEditView(ScopedToOwnOrganisations, EditView):
    pass


class BulkEnrolmentInspectView(ScopedToOwnOrganisations, InspectView):
    pass


class BulkEnrolmentDeleteView(ScopedToOwnOrganisations, DeleteView):
    pass


class BulkEnrolmentViewSet(ModelViewSet):
    """Administrators enrol a category of their subtree; the list shows each job's progress."""

    index_view_class = BulkEnrolmentIndexView
    edit_view_class = BulkEnrolmentEditView
    inspect_view_class = BulkEnrolmentInspectView
    delete_view_class = BulkEnrolmentDeleteView

    model = BulkEnrolment
    form_class = BulkEnrolmentForm
    icon = "group"
    menu_label = _("Bulk enrolment")
    add_to_admin_menu = True
    list_display = [
        "course", "organisation", "category",
        Column("status", label=_("status"), accessor="get_status_display"),
        Column("progress", label=_("progress"), accessor="progress_label"),
        "enrolled", "created_at",
    ]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return BulkEnrolmentForm


bulk_enrolment_viewset = BulkEnrolmentViewSet("bulk_enrolment")


@hooks.register("register_admin_viewset")
def register_bulk_enrolment():
    return bulk_enrolment_viewset
