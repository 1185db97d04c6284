from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import BulkEnrolmentForm
from .models import BulkEnrolment, CourseIndexPage, CoursePage, LearningPath, LessonPage, ModulePage, Topic
from .permissions import visible_organisations
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


class BulkEnrolmentViewSet(ModelViewSet):
    """Administrators enrol a category of their subtree; the list shows each job's progress."""

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

    def get_queryset(self, request):
        return BulkEnrolment.objects.filter(
            organisation__in=visible_organisations(request.user)
        ).select_related("course", "organisation")


bulk_enrolment_viewset = BulkEnrolmentViewSet("bulk_enrolment")


@hooks.register("register_admin_viewset")
def register_bulk_enrolment():
    return bulk_enrolment_viewset
