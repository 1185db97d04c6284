from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import DeleteView, EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import WorkflowState
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import BulkEnrolmentForm
from .models import BulkEnrolment, CourseIndexPage, CoursePage, LearningPath, LessonPage, ModulePage, Topic
from .permissions import can_view_organisation, visible_organisations
from .views import course_builder, learning

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


@hooks.register("register_admin_urls")
def register_course_builder_urls():
    return [
        path("courses/<int:pk>/builder/", course_builder.course_builder, name="lms_course_builder"),
        path("courses/<int:pk>/submit/", course_builder.submit_course, name="lms_course_submit"),
    ]


class CourseBuilderButton(PageMenuItem):
    label = _("Course builder")
    icon_name = "list-ul"

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.course = course
        self.url = reverse("lms_course_builder", args=[course.pk])

    def is_shown(self, user):
        return self.course.permissions_for_user(user).can_edit()


def _course_builder_buttons(page):
    """The builder's button on a course, a module or a lesson: all lead to their course."""
    if page.specific_class in (CoursePage, ModulePage, LessonPage):
        course = page if page.specific_class is CoursePage else CoursePage.objects.ancestor_of(page).first()
        if course is not None:
            yield CourseBuilderButton(page=page, course=course, priority=5)


@hooks.register("register_page_header_buttons")
def course_builder_header_button(page, user, view_name, next_url=None):
    yield from _course_builder_buttons(page)


@hooks.register("register_page_listing_buttons")
def course_builder_listing_button(page, user, next_url=None):
    if page.specific_class is CoursePage:
        yield from _course_builder_buttons(page)


@hooks.register("after_create_page")
def back_to_the_course_builder(request, page):
    """A module or a lesson added from the course builder: back to the builder once saved."""
    if page.specific_class not in (ModulePage, LessonPage):
        return None
    course = CoursePage.objects.ancestor_of(page).first()
    builder = reverse("lms_course_builder", args=[course.pk]) if course else None
    if builder and get_valid_next_url_from_request(request) == builder:
        return redirect(builder)
    return None


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    """Wagtail's "Submit to <workflow>" said as what it does here: a methodologist reviews
    it, and a course goes with its modules and lessons (``lms.moderation``)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        if page is not None and page.pk:
            is_course = isinstance(page, CoursePage)
        else:
            is_course = context["parent_page"].specific_class is CourseIndexPage
        state = page.current_workflow_state if page is not None and page.pk else None
        again = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
        context["label"] = {
            (True, True): _("Send the course for review again"),
            (True, False): _("Send the whole course for review"),
            (False, True): _("Send for review again"),
            (False, False): _("Send for review"),
        }[is_course, again]
        return context


@hooks.register("construct_page_action_menu")
def say_what_submitting_does(menu_items, request, context):
    for position, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[position] = SubmitForReviewMenuItem(order=item.order)
